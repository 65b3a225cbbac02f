"""Writes a coding sheet's text as the documents coders and ATOP use: a Word file (python-docx)
and a paginated PDF (reportlab), both with a running header and page numbers in the footer, so
that `atop-lint import` is tested on the page furniture it must drop.

Usage: sheet_documents.py SHEET.txt OUT_STEM   -> OUT_STEM.docx, OUT_STEM.pdf,
       OUT_STEM.locked.pdf (the same PDF, opened only with a password) and
       OUT_STEM.numbered.docx (the questions as Word's automatic numbered list, their typed
       numbers removed: for sheets numbered 1, 2, 3, … without gaps)
"""

import re

import sys

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

HEADER = "ATOP Coding Sheet"


def page_field(paragraph):
    """A PAGE field, as Word writes it in a footer."""
    run = paragraph.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)


QUESTION = re.compile(r"^\d+\. ")


def write_docx(lines, path, numbered=False):
    doc = Document()
    section = doc.sections[0]
    section.header.paragraphs[0].text = HEADER
    page_field(section.footer.paragraphs[0])
    for line in lines:
        if numbered and QUESTION.match(line):
            doc.add_paragraph(QUESTION.sub("", line), style="List Number")
        else:
            doc.add_paragraph(line)
    doc.save(path)


def write_pdf(lines, path, encrypt=None):
    # An embedded TrueType subset, as word processors write (Vera ships with reportlab and
    # covers the sheets' Latin text and typographic quotes).
    pdfmetrics.registerFont(TTFont("Vera", "Vera.ttf"))
    width, height = A4
    c = canvas.Canvas(path, pagesize=A4, encrypt=encrypt)
    per_page, page = 45, 1
    for start in range(0, len(lines), per_page):
        c.setFont("Vera", 9)
        c.drawString(50, height - 40, HEADER)
        y = height - 70
        for line in lines[start:start + per_page]:
            c.drawString(50, y, line)
            y -= 15
        c.drawString(width / 2, 30, str(page))
        c.showPage()
        page += 1
    c.save()


def main():
    sheet, stem = sys.argv[1:3]
    with open(sheet, encoding="utf-8") as f:
        lines = f.read().splitlines()
    write_docx(lines, stem + ".docx")
    write_docx(lines, stem + ".numbered.docx", numbered=True)
    write_pdf(lines, stem + ".pdf")
    write_pdf(lines, stem + ".locked.pdf", encrypt="a user password")


if __name__ == "__main__":
    main()
