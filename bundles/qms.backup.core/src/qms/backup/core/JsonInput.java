package qms.backup.core;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;

/**
 * A backup tool's JSON output read with Jackson's streaming parser: strictly UTF-8, size-limited, every value with
 * the line it is on, so that each error names the file, the line and the field.
 */
final class JsonInput implements Closeable {

    /** One JSON value and where it is: a String, Long, Double, Boolean, null, Map of Nodes or List of Nodes. */
    record Node(Object value, long line, String path) {

        boolean isObject() {
            return value instanceof Map;
        }

        @SuppressWarnings("unchecked")
        Map<String, Node> fields() {
            return (Map<String, Node>) value;
        }

        @SuppressWarnings("unchecked")
        List<Node> elements() {
            return (List<Node>) value;
        }
    }

    private static final JsonFactory FACTORY = JsonFactory.builder().build();

    private final Path file;
    private final JsonParser parser;

    JsonInput(Path file, long maxBytes) {
        this.file = file;
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw new ImportException(file, 0, null, "the file has " + megabytes(size) + " MB; at most "
                        + megabytes(maxBytes) + " MB are imported at once (export a shorter period)");
            }
            if (size == 0) {
                throw new ImportException(file, 0, null, "the file is empty");
            }
            Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
            this.parser = FACTORY.createParser(reader);
        } catch (IOException e) {
            throw new ImportException(file, 0, null, "cannot be read: " + e.getMessage());
        }
    }

    private static long megabytes(long bytes) {
        return (bytes + (1 << 20) - 1) >> 20;
    }

    /** The next token (null at the end of the input). */
    JsonToken next() {
        try {
            return parser.nextToken();
        } catch (IOException e) {
            throw problem(e);
        }
    }

    long line() {
        return parser.currentLocation().getLineNr();
    }

    /** Reads the value at the current token (and everything inside it). */
    Node value(String path) {
        JsonToken t = parser.currentToken();
        long line = line();
        try {
            if (t == null) {
                throw new ImportException(file, line, path, "the file ends where a value is expected");
            }
            switch (t) {
                case START_OBJECT -> {
                    Map<String, Node> fields = new LinkedHashMap<>();
                    while (next() != JsonToken.END_OBJECT) {
                        String name = parser.currentName();
                        next();
                        fields.put(name, value(path == null ? name : path + "." + name));
                    }
                    return new Node(fields, line, path);
                }
                case START_ARRAY -> {
                    List<Node> elements = new ArrayList<>();
                    int i = 0;
                    while (next() != JsonToken.END_ARRAY) {
                        elements.add(value((path == null ? "" : path) + "[" + i++ + "]"));
                    }
                    return new Node(elements, line, path);
                }
                case VALUE_STRING -> {
                    return new Node(parser.getText(), line, path);
                }
                case VALUE_NUMBER_INT -> {
                    return new Node(parser.getLongValue(), line, path);
                }
                case VALUE_NUMBER_FLOAT -> {
                    return new Node(parser.getDoubleValue(), line, path);
                }
                case VALUE_TRUE, VALUE_FALSE -> {
                    return new Node(t == JsonToken.VALUE_TRUE, line, path);
                }
                case VALUE_NULL -> {
                    return new Node(null, line, path);
                }
                default -> throw new ImportException(file, line, path, "unexpected " + t);
            }
        } catch (IOException e) {
            throw problem(e);
        }
    }

    /** The field as text; required: absent or not a string is an error. */
    String text(Node object, String name, boolean required) {
        Node n = object.fields().get(name);
        if (n == null || n.value() == null) {
            if (required) {
                throw new ImportException(file, object.line(), qualified(object, name), "is missing");
            }
            return null;
        }
        if (!(n.value() instanceof String s)) {
            throw new ImportException(file, n.line(), n.path(), "must be text, not " + describe(n.value()));
        }
        if (required && s.isBlank()) {
            throw new ImportException(file, n.line(), n.path(), "is empty");
        }
        return s;
    }

    /** The field as a number of whole units (a fraction is rounded); absent gives null. */
    Long number(Node object, String name) {
        Node n = object == null ? null : object.fields().get(name);
        if (n == null || n.value() == null) {
            return null;
        }
        if (n.value() instanceof Long l) {
            if (l < 0) {
                throw new ImportException(file, n.line(), n.path(), "must not be negative: " + l);
            }
            return l;
        }
        if (n.value() instanceof Double d) {
            if (d < 0 || d.isNaN()) {
                throw new ImportException(file, n.line(), n.path(), "must not be negative: " + d);
            }
            return Math.round(d);
        }
        throw new ImportException(file, n.line(), n.path(), "must be a number, not " + describe(n.value()));
    }

    /** The field as an object; required or absent (null). */
    Node object(Node object, String name, boolean required) {
        Node n = object.fields().get(name);
        if (n == null || n.value() == null) {
            if (required) {
                throw new ImportException(file, object.line(), qualified(object, name), "is missing");
            }
            return null;
        }
        if (!n.isObject()) {
            throw new ImportException(file, n.line(), n.path(), "must be an object, not " + describe(n.value()));
        }
        return n;
    }

    /** The field as a list of strings; absent gives an empty list. */
    List<String> texts(Node object, String name) {
        Node n = object.fields().get(name);
        if (n == null || n.value() == null) {
            return List.of();
        }
        if (!(n.value() instanceof List)) {
            throw new ImportException(file, n.line(), n.path(), "must be a list, not " + describe(n.value()));
        }
        List<String> result = new ArrayList<>();
        for (Node e : n.elements()) {
            if (!(e.value() instanceof String s)) {
                throw new ImportException(file, e.line(), e.path(), "must be text, not " + describe(e.value()));
            }
            result.add(s);
        }
        return result;
    }

    /** The field as a list of objects; required. */
    List<Node> objects(Node object, String name) {
        Node n = object.fields().get(name);
        if (n == null || n.value() == null) {
            throw new ImportException(file, object.line(), qualified(object, name), "is missing");
        }
        if (!(n.value() instanceof List)) {
            throw new ImportException(file, n.line(), n.path(), "must be a list, not " + describe(n.value()));
        }
        for (Node e : n.elements()) {
            if (!e.isObject()) {
                throw new ImportException(file, e.line(), e.path(), "must be an object, not " + describe(e.value()));
            }
        }
        return n.elements();
    }

    ImportException error(Node at, String field, String problem) {
        return new ImportException(file, at.line(), field, problem);
    }

    private static String qualified(Node object, String name) {
        return object.path() == null ? name : object.path() + "." + name;
    }

    static String describe(Object value) {
        if (value instanceof String s) {
            return "the text \"" + (s.length() > 40 ? s.substring(0, 40) + "…" : s) + "\"";
        }
        if (value instanceof Map) {
            return "an object";
        }
        if (value instanceof List) {
            return "a list";
        }
        return value instanceof Boolean ? "true/false" : value == null ? "null" : "the number " + value;
    }

    private ImportException problem(IOException e) {
        long line = line();
        if (e instanceof CharacterCodingException) {
            return new ImportException(file, line, null, "is not UTF-8 text (" + e.getClass().getSimpleName() + ")");
        }
        if (e instanceof JsonEOFException) {
            return new ImportException(file, line, null, "the file ends in the middle of the JSON (truncated?)");
        }
        if (e instanceof JsonProcessingException j) {
            return new ImportException(file, line, null, "is not valid JSON: " + j.getOriginalMessage());
        }
        return new ImportException(file, line, null, "cannot be read: " + e.getMessage());
    }

    @Override
    public void close() {
        try {
            parser.close();
        } catch (IOException e) {
            // read only: nothing to lose
        }
    }
}
