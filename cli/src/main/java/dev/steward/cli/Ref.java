package dev.steward.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** A reference to a registered version on the command line: {@code name@version}, for example {@code churn-events@1}. */
record Ref(String name, int version) {

  static final class Converter implements ITypeConverter<Ref> {
    @Override
    public Ref convert(String value) {
      int at = value.lastIndexOf('@');
      if (at <= 0 || at == value.length() - 1) {
        throw new TypeConversionException("'" + value + "' is not NAME@VERSION (for example churn-events@1)");
      }
      try {
        return new Ref(value.substring(0, at), Integer.parseInt(value.substring(at + 1)));
      } catch (NumberFormatException e) {
        throw new TypeConversionException("'" + value + "': the version after @ must be a number");
      }
    }
  }
}
