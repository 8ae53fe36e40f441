/** The instruction counter's reading of callgrind_annotate's per-function table. */
import { sumInstructions } from "../../bench/instructions";

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
