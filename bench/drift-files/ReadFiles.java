import dev.steward.drift.Sample;
import dev.steward.drift.SampleFiles;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Times reading alone: the file readers of `steward drift compare` (CSV and Parquet, every column, all cores),
 * without the comparison. Run as a source file with the drift monitor's class path:
 * {@code java -cp <classpath> bench/drift-files/ReadFiles.java FILE [repeat=3]}. The first read of a fresh JVM
 * includes the JIT's warm-up; the later ones show the steady rate. Every value is summed so that nothing read
 * can be skipped, and the sum is printed.
 */
public class ReadFiles {

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    int repeat = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    double megabytes = Files.size(file) / 1e6;
    for (int i = 1; i <= repeat; i++) {
      long start = System.nanoTime();
      Sample sample = SampleFiles.read(file, SampleFiles.Options.ALL, "reference");
      double seconds = (System.nanoTime() - start) / 1e9;
      double sum = 0;
      for (Sample.Column column : sample.columns().values()) {
        if (column instanceof Sample.Column.Numeric(double[] values)) {
          for (double v : values) {
            if (!Double.isNaN(v)) {
              sum += v;
            }
          }
        }
      }
      System.out.printf("read %d: %s, %,.0f MB, %d rows x %d columns in %.3f s: %,.0f MB/s (sum %.6e)%n", i,
          file.getFileName(), megabytes, sample.rows(), sample.columns().size(), seconds, megabytes / seconds, sum);
    }
  }
}
