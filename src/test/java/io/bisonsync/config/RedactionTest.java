package io.bisonsync.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** {@link Secrets}: a secret is known by value, wherever and however it stands in a text. */
class RedactionTest {

    private static final String KEY = "42|Zq8vKx1sT0pSecretPart";

    private final Secrets secrets = Secrets.of(Map.of(KEY, "api-user key #2 of long-run", "tok-abcdef", "bison.ops.token"));

    @Test
    void aKeyEchoedWholeAfterBearerOrInsideALongerStringBecomesItsLabel() {
        assertThat(secrets.redact("Unauthenticated. Bearer " + KEY + " was revoked"))
                .isEqualTo("Unauthenticated. Bearer <api-user key #2 of long-run> was revoked");
        assertThat(secrets.redact("xx" + KEY + "yy")).isEqualTo("xx<api-user key #2 of long-run>yy");
        assertThat(secrets.redact("token=tok-abcdef&x=1")).isEqualTo("token=<bison.ops.token>&x=1");
    }

    @Test
    void theTokenPartOfASanctumKeyAndTheUrlEncodedFormAreSecretsToo() {
        assertThat(secrets.redact("token Zq8vKx1sT0pSecretPart unknown")).isEqualTo("token <api-user key #2 of long-run> unknown");
        assertThat(secrets.redact("?key=42%7CZq8vKx1sT0pSecretPart")).isEqualTo("?key=<api-user key #2 of long-run>");
    }

    @Test
    void aRandomTextWithSecretsPlantedAnywhereKeepsNoneOfThem() {
        Random random = new Random(19);
        Map<String, String> planted = new LinkedHashMap<>();
        for (int i = 0; i < 20; i++) {
            planted.put(randomWord(random, 8 + random.nextInt(30)), "secret #" + i);
        }
        Secrets many = Secrets.of(planted);
        for (int round = 0; round < 500; round++) {
            StringBuilder text = new StringBuilder();
            for (int part = 0; part < 6; part++) {
                text.append(randomWord(random, random.nextInt(10)));
                if (random.nextBoolean()) {
                    text.append(planted.keySet().stream().skip(random.nextInt(planted.size())).findFirst().orElseThrow());
                }
            }
            String out = many.redact(text.toString());
            planted.keySet().forEach(s -> assertThat(out).doesNotContain(s));
        }
    }

    @Test
    void everySecretOfAConfigurationIsKnownWithItsLabel() {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("bison.instances", "long-run");
        keys.put("bison.instance.long-run.name", "Long Run");
        keys.put("bison.instance.long-run.base-url", "https://bison.example");
        keys.put("bison.instance.long-run.api-user-keys", "1|aaaaaaaaaaaa,2|bbbbbbbbbbbb");
        keys.put("bison.db.url", "jdbc:postgresql://db.example/bison");
        keys.put("bison.db.user", "bison");
        keys.put("bison.db.password", "pg-password-1");
        keys.put("bison.ops.token", "ops-token-1");
        keys.put("bison.ops.read-token", "read-token-1");
        keys.put("bison.alerts.webhook-url", "https://hooks.example/services/T0/B0/XYZ");
        PropertyReader r = new PropertyReader(k -> java.util.Optional.ofNullable(keys.get(k)));
        Secrets all = Secrets.of(BisonSettings.load(keys.keySet(), k -> java.util.Optional.ofNullable(keys.get(k))), SettingsLoader.ops(r));

        String text = all.redact("a 1|aaaaaaaaaaaa b bbbbbbbbbbbb c pg-password-1 d ops-token-1 e read-token-1 f https://hooks.example/services/T0/B0/XYZ");

        assertThat(text).isEqualTo("a <api-user key #1 of long-run> b <api-user key #2 of long-run> c <bison.db.password> d <bison.ops.token>"
                + " e <bison.ops.read-token> f <bison.alerts.webhook-url>");
    }

    @Test
    void valuesTooShortToBeSecretsAreLeftAlone() {
        assertThat(Secrets.of(Map.of("abc", "x")).redact("abc")).isEqualTo("abc");
    }

    private static String randomWord(Random random, int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789|-_. ";
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < length; i++) {
            b.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return b.toString();
    }
}
