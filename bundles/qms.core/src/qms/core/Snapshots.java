package qms.core;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

/**
 * The values of a record at creation or deletion, as kept in one audit entry: a JSON object of attribute or
 * reference name to its audit text (references as record ids, lists as ids separated by spaces), in model order.
 */
public final class Snapshots {

    private static final JsonFactory JSON = new JsonFactory();

    private Snapshots() {
    }

    public static String toJson(Map<String, String> values) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            g.writeStartObject();
            for (Map.Entry<String, String> e : values.entrySet()) {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * The values of a snapshot, in their order.
     *
     * @throws IllegalArgumentException the text is not a snapshot (a JSON object of strings)
     */
    public static Map<String, String> fromJson(String json) {
        if (json == null) {
            return Map.of();
        }
        Map<String, String> values = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IllegalArgumentException("not a snapshot (no JSON object): " + json);
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken value = p.nextToken();
                if (value != JsonToken.VALUE_STRING && value != JsonToken.VALUE_NULL) {
                    throw new IllegalArgumentException("snapshot value of " + name + " is not a string: " + json);
                }
                values.put(name, value == JsonToken.VALUE_NULL ? null : p.getText());
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("not a snapshot: " + e.getMessage(), e);
        }
        return Collections.unmodifiableMap(values);
    }
}
