package vn.gov.noivu.pakn.notification.rules;

/** To whom, in which role, a notification goes: decides the page its link opens. */
public enum Audience {
    /** commune officials of the case's commune: intake-service {@code /xa/ho-so/{id}} */
    COMMUNE,
    /** liaisons and deputies of the case's province: triage-service {@code /can-bo/ho-so/{id}} */
    PROVINCE,
    /** heads of a ministry unit: triage-service {@code /can-bo/ho-so/{id}} */
    UNIT,
    /** ministry leaders: search-service {@code /lanh-dao/ho-so/{id}} */
    LEADER
}
