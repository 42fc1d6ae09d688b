/* xlsxlib.h - the workbook libraries (libzip, expat, libxlsxwriter),
 * private to lib/xlsxin.c, lib/xlsxout.c and lib/xlsxlib.c.
 *
 * The programs are not linked with them: libzip and libxlsxwriter bring
 * OpenSSL's libcrypto, and loading it costs every start some 2 ms
 * (bench/README.md).  lib/xlsxlib.c opens them with dlopen(3) in a run
 * that reads or writes a workbook and fills the table xlsxlib with their
 * functions; below, each function's name stands for its pointer there,
 * declared with the library's own prototype, so that the readers and
 * writers call them as before and the compiler checks every call.
 *
 * A function called anywhere must be in its library's list; one left out
 * fails the link of the programs (undefined reference), never a run.
 */
#ifndef XLSXLIB_H
#define XLSXLIB_H

#include <expat.h>
#include <xlsxwriter.h>
#include <zip.h>

#define XLSXLIB_ZIP(F) \
	F(zip_discard) F(zip_error_code_zip) F(zip_error_fini) \
	F(zip_error_init) F(zip_error_init_with_code) F(zip_error_strerror) \
	F(zip_fclose) F(zip_file_get_error) F(zip_fopen_index) F(zip_fread) \
	F(zip_get_error) F(zip_get_name) F(zip_get_num_entries) \
	F(zip_name_locate) F(zip_open) F(zip_open_from_source) \
	F(zip_source_buffer_create) F(zip_source_free)
#define XLSXLIB_EXPAT(F) \
	F(XML_ErrorString) F(XML_GetBuffer) F(XML_GetCurrentColumnNumber) \
	F(XML_GetCurrentLineNumber) F(XML_GetErrorCode) F(XML_Parse) \
	F(XML_ParseBuffer) F(XML_ParserCreate) F(XML_ParserCreateNS) \
	F(XML_ParserFree) F(XML_ResumeParser) F(XML_SetCharacterDataHandler) \
	F(XML_SetElementHandler) F(XML_SetStartDoctypeDeclHandler) \
	F(XML_SetUserData) F(XML_StopParser)
#define XLSXLIB_XLSXWRITER(F) \
	F(format_set_bold) F(format_set_num_format) F(lxw_strerror) \
	F(workbook_add_format) F(workbook_add_worksheet) F(workbook_close) \
	F(workbook_new_opt) F(workbook_validate_sheet_name) \
	F(worksheet_freeze_panes) F(worksheet_set_column) \
	F(worksheet_write_datetime) F(worksheet_write_number) \
	F(worksheet_write_string)

#define XLSXLIB_POINTER(f) __typeof__(f) *f;
struct xlsxlib {
	XLSXLIB_ZIP(XLSXLIB_POINTER)
	XLSXLIB_EXPAT(XLSXLIB_POINTER)
	XLSXLIB_XLSXWRITER(XLSXLIB_POINTER)
};
extern struct xlsxlib xlsxlib;

/* What a run needs: reading a workbook, libzip and expat; writing one,
 * libxlsxwriter too (lib/xlsxout.c reads each workbook back). */
#define XLSXLIB_READ 1
#define XLSXLIB_WRITE 2
/* Load the libraries WHAT needs (once in a process: they stay loaded) and
 * fill xlsxlib.  NULL when they are there; else why not, dlerror(3)'s
 * text, which names the file (static storage, until the next call), with
 * *LIB the name of the library that failed.  Never dies: the reader
 * returns its errors, the writer dies 69 (EX_UNAVAILABLE). */
const char *xlsxlib_load(int what, const char **lib);

/* The calls, through the table (lib/xlsxlib.c, which fills it, names
 * the functions themselves). */
#ifndef XLSXLIB_TABLE
#define zip_discard (xlsxlib.zip_discard)
#define zip_error_code_zip (xlsxlib.zip_error_code_zip)
#define zip_error_fini (xlsxlib.zip_error_fini)
#define zip_error_init (xlsxlib.zip_error_init)
#define zip_error_init_with_code (xlsxlib.zip_error_init_with_code)
#define zip_error_strerror (xlsxlib.zip_error_strerror)
#define zip_fclose (xlsxlib.zip_fclose)
#define zip_file_get_error (xlsxlib.zip_file_get_error)
#define zip_fopen_index (xlsxlib.zip_fopen_index)
#define zip_fread (xlsxlib.zip_fread)
#define zip_get_error (xlsxlib.zip_get_error)
#define zip_get_name (xlsxlib.zip_get_name)
#define zip_get_num_entries (xlsxlib.zip_get_num_entries)
#define zip_name_locate (xlsxlib.zip_name_locate)
#define zip_open (xlsxlib.zip_open)
#define zip_open_from_source (xlsxlib.zip_open_from_source)
#define zip_source_buffer_create (xlsxlib.zip_source_buffer_create)
#define zip_source_free (xlsxlib.zip_source_free)

#define XML_ErrorString (xlsxlib.XML_ErrorString)
#define XML_GetBuffer (xlsxlib.XML_GetBuffer)
#define XML_GetCurrentColumnNumber (xlsxlib.XML_GetCurrentColumnNumber)
#define XML_GetCurrentLineNumber (xlsxlib.XML_GetCurrentLineNumber)
#define XML_GetErrorCode (xlsxlib.XML_GetErrorCode)
#define XML_Parse (xlsxlib.XML_Parse)
#define XML_ParseBuffer (xlsxlib.XML_ParseBuffer)
#define XML_ParserCreate (xlsxlib.XML_ParserCreate)
#define XML_ParserCreateNS (xlsxlib.XML_ParserCreateNS)
#define XML_ParserFree (xlsxlib.XML_ParserFree)
#define XML_ResumeParser (xlsxlib.XML_ResumeParser)
#define XML_SetCharacterDataHandler (xlsxlib.XML_SetCharacterDataHandler)
#define XML_SetElementHandler (xlsxlib.XML_SetElementHandler)
#define XML_SetStartDoctypeDeclHandler (xlsxlib.XML_SetStartDoctypeDeclHandler)
#define XML_SetUserData (xlsxlib.XML_SetUserData)
#define XML_StopParser (xlsxlib.XML_StopParser)

#define format_set_bold (xlsxlib.format_set_bold)
#define format_set_num_format (xlsxlib.format_set_num_format)
#define lxw_strerror (xlsxlib.lxw_strerror)
#define workbook_add_format (xlsxlib.workbook_add_format)
#define workbook_add_worksheet (xlsxlib.workbook_add_worksheet)
#define workbook_close (xlsxlib.workbook_close)
#define workbook_new_opt (xlsxlib.workbook_new_opt)
#define workbook_validate_sheet_name (xlsxlib.workbook_validate_sheet_name)
#define worksheet_freeze_panes (xlsxlib.worksheet_freeze_panes)
#define worksheet_set_column (xlsxlib.worksheet_set_column)
#define worksheet_write_datetime (xlsxlib.worksheet_write_datetime)
#define worksheet_write_number (xlsxlib.worksheet_write_number)
#define worksheet_write_string (xlsxlib.worksheet_write_string)
#endif

#endif
