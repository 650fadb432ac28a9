package io.bisonsync.simulator;

import java.util.Random;

/** Sanctum-style tokens ("42|aB3x...") and the only form of them that may be shown anywhere. */
final class ApiKeys {

    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    private ApiKeys() {
    }

    static String generate(long tokenId, Random random) {
        StringBuilder key = new StringBuilder().append(tokenId).append('|');
        for (int i = 0; i < 40; i++) {
            key.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
        }
        return key.toString();
    }

    /** "42|****": the token id helps debugging, the secret never leaves. */
    static String mask(String key) {
        if (key == null) {
            return "none";
        }
        int pipe = key.indexOf('|');
        return pipe > 0 && pipe <= 10 && key.substring(0, pipe).chars().allMatch(Character::isDigit)
                ? key.substring(0, pipe) + "|****"
                : "****";
    }
}
