import ExcelJS from 'exceljs';
import type { RequestHandler } from './$types';
import { requestedTables } from '$lib/server/campaigns/export-tables';
import { neutralize, type Table } from '$lib/campaigns/export';
import { m } from '$lib/i18n';

function addSheet(book: ExcelJS.Workbook, name: string, table: Table) {
	const sheet = book.addWorksheet(name);
	// Text is neutralised as in the CSV: a cell must never be taken for a formula.
	const cell = (v: string | number | null) => (typeof v === 'string' ? neutralize(v) : v);
	sheet.addRow(table.header.map(cell)).font = { bold: true };
	for (const row of table.rows) sheet.addRow(row.map(cell));
	sheet.views = [{ state: 'frozen', ySplit: 1 }];
}

/**
 * The participant sheet, a summary sheet of the aggregates and the collective priorities (k
 * applies to both).
 */
export const GET: RequestHandler = async ({ params, url, cookies }) => {
	const tables = await requestedTables(params.token, url, cookies);
	const book = new ExcelJS.Workbook();
	book.creator = 'Repères';
	addSheet(book, m.x_sheet_participants(), tables.participants);
	addSheet(book, m.x_sheet_summary(), tables.summary);
	addSheet(book, m.x_sheet_priorities(), tables.priorities);
	const buffer = await book.xlsx.writeBuffer();
	return new Response(new Uint8Array(buffer as ArrayBuffer), {
		headers: {
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': `attachment; filename="reperes-campagne-${tables.slug}.xlsx"`
		}
	});
};
