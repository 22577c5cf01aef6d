package io.poolscope.agent.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * The properties file named by {@code config}, read as UTF-8 into its entries in file order. A file
 * that cannot be read is reported with its path and yields nothing: the other sources still apply.
 */
final class ConfigFile {
  private final Path path;
  private final List<String[]> entries;

  private ConfigFile(Path path, List<String[]> entries) {
    this.path = path;
    this.entries = entries;
  }

  /** The file {@code pointer} names, or null after reporting why it cannot be used. */
  static ConfigFile read(RawSetting pointer, ConfigReporter reporter) {
    Path path;
    try {
      path = Paths.get(pointer.value());
    } catch (InvalidPathException e) {
      reporter.warn(
          "poolscope: config='"
              + ShownValue.of(pointer.value())
              + "' is not a file path ("
              + e.getReason()
              + "); no configuration file is read ["
              + pointer.origin()
              + "]");
      return null;
    }
    List<String[]> entries = new ArrayList<>();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      new EntryRecorder(entries).load(reader);
    } catch (IOException | RuntimeException e) {
      reporter.warn(
          "poolscope: cannot read the configuration file "
              + ShownValue.of(path.toString())
              + " ("
              + reason(e)
              + ", named by "
              + pointer.origin()
              + "); its settings are not used");
      return null;
    }
    return new ConfigFile(path, entries);
  }

  Path path() {
    return path;
  }

  /** Key and value of every entry, in file order, repeated keys included. */
  List<String[]> entries() {
    return entries;
  }

  private static String reason(Exception e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof MalformedInputException) {
      return "not UTF-8 text";
    }
    if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
      // Its message repeats the path, which may be long or hold control characters.
      return ((FileSystemException) e).getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : ShownValue.of(e.getMessage());
  }

  /** Keeps every entry in file order, where {@link Properties} would keep only the last. */
  private static final class EntryRecorder extends Properties {
    private static final long serialVersionUID = 1L;
    private final transient List<String[]> entries;

    EntryRecorder(List<String[]> entries) {
      this.entries = entries;
    }

    @Override
    public synchronized Object put(Object key, Object value) {
      entries.add(new String[] {String.valueOf(key), String.valueOf(value)});
      return super.put(key, value);
    }
  }
}
