/** The instruction counter's reading of callgrind_annotate's per-function table. */
import { instructionsByFunction, readPerfMap, sumInstructions } from "../../bench/instructions";

// The shape callgrind_annotate --auto=no prints (valgrind 3.19), abridged.
const ANNOTATED = `--------------------------------------------------------------------------------
Profile data file 'callgrind.out' (creator: callgrind-3.19.0)
--------------------------------------------------------------------------------
Events recorded:  Ir
Events shown:     Ir
--------------------------------------------------------------------------------
Ir
--------------------------------------------------------------------------------
11,722,515,965 (100.0%)  PROGRAM TOTALS

--------------------------------------------------------------------------------
Ir                    file:function
--------------------------------------------------------------------------------
399,951,997 ( 3.41%)  ???:v8::internal::compiler::GraphReducer::Reduce(v8::internal::compiler::Node*) [/usr/bin/node]
232,741,116 ( 1.98%)  ???:Builtins_LoadIC [/usr/bin/node]
 95,690,981 ( 0.82%)  ???:0x000000000d0b33c0 [???]
 12,000,000 ( 0.10%)  ???:v8::internal::compiler::turboshaft::Assembler::Emit() [/usr/bin/node]
  3,000,000 ( 0.03%)  ???:v8::internal::maglev::MaglevGraphBuilder::Build() [/usr/bin/node]
        155 ( 0.00%)  ./string/../sysdeps/x86_64/multiarch/memmove-vec-unaligned-erms.S:__memcpy_avx_unaligned_erms [/usr/lib/x86_64-linux-gnu/libc.so.6]
`;

describe("sumInstructions", () => {
  it("adds every function once, leaves the program total out and sets the optimising compiler's apart", () => {
    const { total, compiler } = sumInstructions(ANNOTATED);
    expect(total).toBe(399_951_997 + 232_741_116 + 95_690_981 + 12_000_000 + 3_000_000 + 155);
    expect(compiler).toBe(399_951_997 + 12_000_000 + 3_000_000);
  });

  it("counts nothing in a table without functions", () => {
    expect(sumInstructions("Ir\n1,000 (100.0%)  PROGRAM TOTALS\n")).toEqual({ total: 0, compiler: 0 });
  });
});

describe("instructionsByFunction", () => {
  // node --perf-basic-prof's map: start and size in hexadecimal, then the name; code made again
  // at an address is listed again, later.
  const map = readPerfMap(
    [
      "d0b3000 400 *buildTable /b/lib/src/core/recognize/index.js:259:20",
      "d0b3400 100 RegExp:^\\d+$",
      "d0c0000 80 *old /b/lib/x.js:1:1",
      "d0c0000 80 *rowCells /b/lib/src/core/recognize/index.js:121:18",
      "not a line",
    ].join("\n"),
  );

  it("places each address in the code range that holds it, the later listing winning", () => {
    const annotated = [
      "  95,690,981 ( 0.82%)  ???:0x000000000d0b33c0 [???]",
      "  1,000 ( 0.01%)  ???:0x000000000d0b3000 [???]",
      "  2,000 ( 0.02%)  ???:0x000000000d0b3450 [???]",
      "  3,000 ( 0.03%)  ???:0x000000000d0c0010 [???]",
      "  4,000 ( 0.04%)  ???:0x000000000d0c0080 [???]",
      "232,741,116 ( 1.98%)  ???:Builtins_LoadIC [/usr/bin/node]",
    ].join("\n");
    const by = instructionsByFunction(annotated, map);
    expect(by.get("*buildTable /b/lib/src/core/recognize/index.js:259:20")).toBe(95_690_981 + 1_000);
    expect(by.get("RegExp:^\\d+$")).toBe(2_000);
    expect(by.get("*rowCells /b/lib/src/core/recognize/index.js:121:18")).toBe(3_000);
    expect(by.has("*old /b/lib/x.js:1:1")).toBe(false);
    // Just past the end of the last range: not any function's.
    expect(by.get("（未知的 JIT 代码）")).toBe(4_000);
    expect([...by.values()].reduce((a, b) => a + b, 0)).toBe(95_690_981 + 1_000 + 2_000 + 3_000 + 4_000);
  });
});
