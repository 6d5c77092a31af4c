package dev.escalation.core.simulation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The bounded fuzzing run of a normal {@code mvn verify}: every input of a Jazzer seed corpus (a
 * {@code <FuzzTest>Inputs/<method>} resource directory, where Jazzer also keeps what it found), then
 * inputs mutated from them with a fixed seed (bytes flipped, inserted, deleted, repeated, spliced,
 * JSON punctuation and extreme values dropped in) until a count or a time is reached. Coverage-guided
 * fuzzing is Jazzer's, with {@code make fuzz}; this run only makes sure every build tries the corpus
 * and a few thousand neighbours of it.
 *
 * <p>Not thread-safe. Example: {@code Mutations.run(getClass(), "dir/Inputs/method", 3_000, 5, parser::check)}.
 */
public final class Mutations {
    private Mutations() {}

    private static final String[] TOKENS = {
        "{",
        "}",
        "[",
        "]",
        "\"",
        ":",
        ",",
        "\\",
        "\\u",
        "\\ud800",
        "null",
        "true",
        "1e999999999",
        "-0",
        "99999999999999999999999",
        "\n",
        "\r\n",
        "data: ",
        "data: [DONE]\n\n",
        "event: error\n",
        "\u0000",
        "\u00ff",
        "\"content\":",
        "\"tool_calls\":[",
        "\"choices\":[{",
        "\"delta\":{",
        "\"index\":2147483647"
    };

    /** The files of a corpus directory on the test class path, sorted by name. */
    public static List<byte[]> corpus(Class<?> owner, String directory) {
        URL url = Objects.requireNonNull(owner.getResource(directory), directory);
        try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            List<byte[]> inputs = new ArrayList<>();
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                inputs.add(Files.readAllBytes(file));
            }
            return inputs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Calls {@code check} on every corpus input and then on mutated ones, at most {@code count} of them
     * and for at most {@code seconds}; returns how many inputs were tried.
     */
    public static int run(Class<?> owner, String directory, int count, int seconds, Consumer<byte[]> check) {
        List<byte[]> seeds = corpus(owner, directory);
        if (seeds.isEmpty()) {
            throw new IllegalStateException("the corpus " + directory + " is empty");
        }
        int tried = 0;
        for (byte[] seed : seeds) {
            check.accept(seed);
            tried++;
        }
        Random random = new Random(20261123L);
        long until = System.nanoTime() + seconds * 1_000_000_000L;
        for (int i = 0; i < count && System.nanoTime() < until; i++) {
            byte[] input = seeds.get(random.nextInt(seeds.size()));
            int rounds = 1 + random.nextInt(4);
            for (int r = 0; r < rounds; r++) {
                input = mutate(input, seeds.get(random.nextInt(seeds.size())), random);
            }
            check.accept(input);
            tried++;
        }
        return tried;
    }

    private static byte[] mutate(byte[] input, byte[] other, Random random) {
        int at = input.length == 0 ? 0 : random.nextInt(input.length + 1);
        switch (random.nextInt(6)) {
            case 0 -> {
                if (input.length == 0) {
                    return new byte[] {(byte) random.nextInt(256)};
                }
                byte[] copy = input.clone();
                copy[Math.min(at, copy.length - 1)] ^= (byte) (1 << random.nextInt(8));
                return copy;
            }
            case 1 -> {
                return splice(input, at, at, TOKENS[random.nextInt(TOKENS.length)].getBytes(StandardCharsets.UTF_8));
            }
            case 2 -> {
                int end = Math.min(input.length, at + 1 + random.nextInt(16));
                return splice(input, at, end, new byte[0]);
            }
            case 3 -> {
                int end = Math.min(input.length, at + 1 + random.nextInt(32));
                byte[] piece = java.util.Arrays.copyOfRange(input, at, end);
                return splice(input, end, end, piece.length == 0 ? piece : repeat(piece, 1 + random.nextInt(50)));
            }
            case 4 -> {
                int from = other.length == 0 ? 0 : random.nextInt(other.length);
                return splice(input, at, input.length, java.util.Arrays.copyOfRange(other, from, other.length));
            }
            default -> {
                return java.util.Arrays.copyOf(input, at);
            }
        }
    }

    private static byte[] repeat(byte[] piece, int times) {
        byte[] out = new byte[piece.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(piece, 0, out, i * piece.length, piece.length);
        }
        return out;
    }

    private static byte[] splice(byte[] input, int from, int to, byte[] insert) {
        byte[] out = new byte[from + insert.length + (input.length - to)];
        System.arraycopy(input, 0, out, 0, from);
        System.arraycopy(insert, 0, out, from, insert.length);
        System.arraycopy(input, to, out, from + insert.length, input.length - to);
        return out;
    }
}
