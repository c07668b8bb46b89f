/**
 * Regenerates the committed knowledge-base fixtures: `pnpm exec tsx packages/testing/src/rag/__fixtures__/generate-fixtures.ts`.
 * Every sample is written by code so its content (and the facts the tests ask about) is known exactly.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { encryptPDF } from '@pdfsmaller/pdf-encrypt-lite';
import { Document, HeadingLevel, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import { zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';

const here = dirname(fileURLToPath(import.meta.url));
const write = (name: string, data: Uint8Array | string) => writeFileSync(join(here, name), data);

async function handbookPdf(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.setTitle('Acme employee handbook');
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const pages = [
    ['Acme Employee Handbook', 'Welcome to Acme Corporation. This handbook explains how we work.', 'Office hours are from 9:00 to 17:00, Monday to Friday.'],
    ['Parental leave', 'Every employee is entitled to sixteen weeks of fully paid parental leave.', 'Leave can be split into at most three blocks within two years of the birth.'],
    ['Security', 'Laptops must use full disk encryption and lock after five minutes of inactivity.', 'Report lost badges to the security desk in building C within one hour.'],
  ];
  for (const lines of pages) {
    const page = doc.addPage([595, 842]);
    lines.forEach((line, i) => page.drawText(line, { x: 50, y: 780 - i * 60, size: i === 0 ? 18 : 11, font }));
  }
  return doc.save({ useObjectStreams: false });
}

async function travelDocx(): Promise<Uint8Array> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const row = (...cells: string[]) => new TableRow({ children: cells.map(cell) });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: 'Travel policy', heading: HeadingLevel.HEADING_1 }),
          new Paragraph('Book trains for journeys under four hours; flights need approval from your manager.'),
          new Paragraph({ text: 'Daily allowances', heading: HeadingLevel.HEADING_2 }),
          new Table({
            rows: [
              row('City', 'Daily allowance', 'Hotel cap'),
              row('Berlin', '42 EUR', '150 EUR'),
              row('Lisbon', '38 EUR', '120 EUR'),
              row('Oslo', '61 EUR', '210 EUR'),
            ],
          }),
          new Paragraph({ text: 'Expenses', heading: HeadingLevel.HEADING_2 }),
          new Paragraph('Submit receipts in the expense tool within thirty days of returning.'),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** A DOCX-shaped archive whose document.xml inflates to 64 MiB of zeros (ratio about 1000:1). */
function zipBombDocx(): Uint8Array {
  return zipSync(
    {
      '[Content_Types].xml': new TextEncoder().encode('<?xml version="1.0"?><Types/>'),
      'word/document.xml': new Uint8Array(64 * 1024 * 1024),
    },
    { level: 9 },
  );
}

const pdf = await handbookPdf();
write('handbook.pdf', pdf);
write('truncated.pdf', pdf.subarray(0, 400));
// RC4-128 (standard security handler R3): one needs a password to open, one only restricts editing.
write('password-protected.pdf', await encryptPDF(pdf, 'open sesame', 'owner secret'));
write('owner-locked.pdf', await encryptPDF(pdf, '', 'owner secret'));
write('travel-policy.docx', await travelDocx());
write('zip-bomb.docx', zipBombDocx());
write('not-really.pdf', 'This is plain text pretending to be a PDF.\n');
write('empty.txt', '');
