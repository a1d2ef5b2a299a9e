package org.scalecast.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class RowFilterTest {
  @TempDir Path dir;

  @Test
  void comparesNumbersAsNumbersAndTextAsText() throws IOException {
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "dataset,tokens,is_final\nrpj,1000000000,true\nc4,2e9,false\n");
    Table t = CsvTables.read(f);
    assertTrue(RowFilter.parse("tokens=1e9").test(t, 0));
    assertFalse(RowFilter.parse("tokens=1e9").test(t, 1));
    assertTrue(RowFilter.parse("dataset=c4").test(t, 1));
    assertTrue(RowFilter.parse("is_final=true").test(t, 0));
    assertTrue(RowFilter.parse("is_final=1").test(t, 0));
    assertFalse(RowFilter.parse("is_final=true").test(t, 1));
    // Sizes as a ladder's where: reads them: a target named by n_params: 1B is found.
    assertTrue(RowFilter.parse("tokens=1B").test(t, 0));
    assertTrue(RowFilter.parse("tokens=2b").test(t, 1));
  }

  @Test
  void rejectsMalformedSpecsAndUnknownColumns() throws IOException {
    assertThrows(InputException.class, () -> RowFilter.parse("tokens"));
    Path f = dir.resolve("t.csv");
    Files.writeString(f, "a,b\n1,2\n");
    InputException e =
        assertThrows(InputException.class, () -> RowFilter.parse("c=1").test(CsvTables.read(f), 0));
    assertEquals(f + ": no column 'c' (columns: a, b)", e.getMessage());
  }

  @Test
  void sha256OfAKnownString() throws IOException {
    Path f = dir.resolve("abc.txt");
    Files.writeString(f, "abc");
    assertEquals(
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", Provenance.sha256(f));
  }
}
