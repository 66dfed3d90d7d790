-- Case codes come from one sequence per year instead of a counter row: the row lock serialised every submission
-- (measured: docs/benchmarks.md). Sequences never block; a rolled-back submission leaves a gap in the numbers.
do $$
declare
    y integer;
    v bigint;
begin
    for y in 2025..2030 loop
        execute format('create sequence if not exists case_code_%s', y);
        select last_value into v from case_code_counter where year = y;
        if v is not null then
            perform setval(format('case_code_%s', y), v);
        end if;
    end loop;
end
$$;

drop table case_code_counter;
