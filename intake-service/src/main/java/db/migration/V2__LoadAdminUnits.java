package db.migration;

import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.text.Normalizer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loads the 34 provinces and 3,321 commune-level units in force since 1 July 2025 from the project's copy of the
 * statistics-office list ({@code reference/vn-admin-units-2025.csv}; columns ward_code, ward_name, ward_type,
 * province_code, province_name, province_type). Later changes of the list come as new migrations.
 */
public class V2__LoadAdminUnits extends BaseJavaMigration {

    static final String RESOURCE = "reference/vn-admin-units-2025.csv";

    @Override
    public void migrate(Context context) throws Exception {
        Map<Integer, String[]> provinces = new LinkedHashMap<>();
        Connection c = context.getConnection();
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("missing classpath resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String header = reader.readLine();
            if (header == null || !header.startsWith("ward_code,ward_name,ward_type,province_code")) {
                throw new IOException("unexpected header in " + RESOURCE + ": " + header);
            }
            java.util.List<String[]> communes = new java.util.ArrayList<>();
            String line;
            int lineNo = 1;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",", -1);
                if (f.length != 6) {
                    throw new IOException(RESOURCE + " line " + lineNo + ": expected 6 columns, got " + f.length);
                }
                for (int i = 0; i < f.length; i++) {
                    f[i] = Normalizer.normalize(f[i].strip(), Normalizer.Form.NFC);
                }
                provinces.putIfAbsent(Integer.parseInt(f[3]), new String[] {f[4], f[5]});
                communes.add(f);
            }
            try (PreparedStatement ps = c.prepareStatement("insert into province (code, name, type) values (?, ?, ?)")) {
                for (Map.Entry<Integer, String[]> p : provinces.entrySet()) {
                    ps.setInt(1, p.getKey());
                    ps.setString(2, p.getValue()[0]);
                    ps.setString(3, p.getValue()[1]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into commune (code, name, type, province_code) values (?, ?, ?, ?)")) {
                int n = 0;
                for (String[] f : communes) {
                    ps.setInt(1, Integer.parseInt(f[0]));
                    ps.setString(2, f[1]);
                    ps.setString(3, f[2]);
                    ps.setInt(4, Integer.parseInt(f[3]));
                    ps.addBatch();
                    if (++n % 500 == 0) {
                        ps.executeBatch();
                    }
                }
                ps.executeBatch();
            }
        }
    }
}
