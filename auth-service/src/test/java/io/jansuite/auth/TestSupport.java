package io.jansuite.auth;

import static io.restassured.RestAssured.given;

import io.restassured.path.json.JsonPath;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.ConfigProvider;

/** Small helpers shared by the auth-service tests: sign-ins through the API, and plain SQL on its tables. */
final class TestSupport {

    private TestSupport() {
    }

    static JsonPath guest() {
        return given().post("/llm/auth/guest-login").then().statusCode(200).extract().jsonPath();
    }

    static String guestToken() {
        return guest().getString("access_token");
    }

    static String newEmail() {
        return "user-" + UUID.randomUUID().toString().substring(0, 12) + "@example.test";
    }

    /** A client address of its own, so one test's failed logins never count against another's. */
    static String newClientAddress() {
        UUID u = UUID.randomUUID();
        return "10." + (u.getMostSignificantBits() & 0xff) + "." + ((u.getMostSignificantBits() >> 8) & 0xff) + "."
                + ((u.getLeastSignificantBits() & 0xfe) + 1);
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Runs a query and returns every cell of every row as text. */
    static List<List<String>> sql(String query, Object... params) {
        var config = ConfigProvider.getConfig();
        String url = config.getValue("quarkus.datasource.jdbc.url", String.class);
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                PreparedStatement s = c.prepareStatement(query)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            List<List<String>> rows = new ArrayList<>();
            if (s.execute()) {
                try (ResultSet rs = s.getResultSet()) {
                    int n = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        List<String> row = new ArrayList<>();
                        for (int i = 1; i <= n; i++) {
                            row.add(rs.getString(i));
                        }
                        rows.add(row);
                    }
                }
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
