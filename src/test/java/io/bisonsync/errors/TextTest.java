package io.bisonsync.errors;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

class TextTest {

    @Test
    void controlAndBidiCharactersAreEscapedVisibly() {
        assertThat(Text.escaped("a\u001B[31mred\u0007\r\nb\u202Eevil\u0085")).isEqualTo("a\\u001B[31mred\\u0007\\r\\nb\\u202Eevil\\u0085");
        assertThat(Text.escaped("Plain Name & Co")).isEqualTo("Plain Name & Co");
    }

    @Test
    void noRandomTextKeepsAnUnsafeCharacter() {
        Random random = new Random(19);
        for (int i = 0; i < 2000; i++) {
            StringBuilder b = new StringBuilder();
            for (int j = 0; j < 20; j++) {
                b.append((char) random.nextInt(0x2100));
            }
            for (String out : new String[] {Text.escaped(b.toString()), Text.oneLine(b.toString())}) {
                assertThat(out.chars()).noneMatch(c -> Character.getType(c) == Character.CONTROL
                        || c == 0x202E || c == 0x202D || c == 0x2066 || c == 0x2067 || c == 0x2068 || c == 0x2069 || c == 0x2028);
            }
        }
    }

    @Test
    void slackMarkupIsEscaped() {
        assertThat(Text.slack("<!channel> <http://evil.example|click here> & co"))
                .isEqualTo("&lt;!channel&gt; &lt;http://evil.example|click here&gt; &amp; co");
    }
}
