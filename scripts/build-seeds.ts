/**
 * Builds the seed workbooks seeds/*.xlsx from the transcriptions in seeds/source/ and the
 * seed texts in seeds/text/. Usage: npx tsx scripts/build-seeds.ts [output folder]
 */
import { promises as fs } from "fs";
import * as path from "path";
import { buildSeedWorkbook, SEED_TIMESTAMP } from "./seeds/workbook";
import { sourceTextName, type Transcription } from "./seeds/transcription";
import { setZipTimestamps } from "./seeds/zip-timestamps";

export const REPO_ROOT = path.resolve(__dirname, "..");
export const SEEDS_DIR = path.join(REPO_ROOT, "seeds");
export const SOURCE_DIR = path.join(SEEDS_DIR, "source");
export const TEXT_DIR = path.join(SEEDS_DIR, "text");

/** Transcriptions built into workbooks, in seeds/source/. */
export const SEED_SOURCES = ["final-2020-kejijinrong.json", "final-2021-caidian.json", "budget-2022-jinrongju.json"];

export function seedFileName(transcription: Transcription): string {
  return `${transcription.year}-${transcription.family}-${transcription.department}.xlsx`;
}

export async function loadTranscription(sourceFile: string): Promise<Transcription> {
  return JSON.parse(await fs.readFile(path.join(SOURCE_DIR, sourceFile), "utf8")) as Transcription;
}

export async function buildSeedBytes(transcription: Transcription): Promise<Uint8Array> {
  const seedText = await fs.readFile(path.join(TEXT_DIR, sourceTextName(transcription)), "utf8");
  const { workbook } = buildSeedWorkbook(transcription, seedText);
  const buffer = await workbook.xlsx.writeBuffer();
  return setZipTimestamps(new Uint8Array(buffer as ArrayBuffer), SEED_TIMESTAMP);
}

/** Writes every seed workbook into `outDir`; returns the paths written. */
export async function buildSeeds(outDir: string = SEEDS_DIR): Promise<string[]> {
  await fs.mkdir(outDir, { recursive: true });
  const written: string[] = [];
  for (const source of SEED_SOURCES) {
    const transcription = await loadTranscription(source);
    const target = path.join(outDir, seedFileName(transcription));
    await fs.writeFile(target, await buildSeedBytes(transcription));
    written.push(target);
  }
  return written;
}

if (require.main === module) {
  buildSeeds(process.argv[2] ? path.resolve(process.argv[2]) : SEEDS_DIR)
    .then((files) => {
      for (const file of files) console.log(path.relative(process.cwd(), file));
    })
    .catch((err) => {
      console.error(err instanceof Error ? err.message : err);
      process.exit(1);
    });
}
