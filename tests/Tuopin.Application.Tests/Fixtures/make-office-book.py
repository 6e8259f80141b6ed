#!/usr/bin/env python3
"""Writes office-book.xlsx: a registry workbook as a township office sends it (an instruction sheet,
one sheet per village, a title above the header, a two-row header with a merged group cell, totals,
footers and values as people type them). office-book.xls is LibreOffice's Excel 97-2003 copy:
    python3 make-office-book.py && libreoffice --headless --convert-to xls office-book.xlsx
Both are committed; ImportOfficeFilesTests and SheetTableTests read them."""
import zipfile
from xml.sax.saxutils import escape

def rid(region, date, seq):
    body = region + date + "%03d" % seq
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]

HEAD, WIFE, CUIHUA, GUANGMING, SON = rid("422827", "19650312", 11), rid("422827", "19680611", 22), rid("422827", "19500101", 42), rid("422827", "19720405", 31), rid("422827", "19980920", 51)
print(HEAD, WIFE, CUIHUA, GUANGMING, SON)

def col(i):
    s = ""
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s

def sheet_xml(rows, merges):
    out = ['<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>']
    for number, cells in rows:
        out.append('<row r="%d">' % number)
        for i, v in enumerate(cells):
            if v is None: continue
            ref = col(i) + str(number)
            if isinstance(v, (int, float)):
                out.append('<c r="%s"><v>%s</v></c>' % (ref, v))
            else:
                out.append('<c r="%s" t="inlineStr"><is><t>%s</t></is></c>' % (ref, escape(v)))
        out.append('</row>')
    out.append('</sheetData>')
    if merges:
        out.append('<mergeCells count="%d">%s</mergeCells>' % (len(merges), "".join('<mergeCell ref="%s"/>' % m for m in merges)))
    out.append('</worksheet>')
    return "".join(out)

N = None
instructions = [(1, ["填表说明"]), (2, ["1. 每位成员一行，户的信息写在户主那一行。"]), (3, ["2. 收入以元为单位。"])]
top = ["序号", "户编号", "乡镇", "行政村", "村民小组", "识别年度", "主要致贫原因", "贫困户属性", "姓名", "证件号码", "性别", "出生日期", "与户主关系", "民族", "是否参加基本医疗保险", "2016年收入", N]
huangbaiyuan = [
    (1, ["三胡乡黄柏园村建档立卡贫困户花名册（2016年度）"]),
    (3, top),
    (4, [N] * 15 + ["工资性收入", "生产经营性支出"]),
    (5, [1, "4228272016090001", "三胡乡", "黄柏园村", "一组", 2014, "因病", "一般贫困户", "田大山", HEAD, "男", "1965年3月12日", "户主", "土家族", "√", "5,000元", "300"]),
    (6, [2, "4228272016090001", "三胡乡", "黄柏园村", "一组", N, N, N, "向秀英", WIFE, "女", "1968.06.11", "配偶", "土家", "Y", N, N]),
    (7, [3, "4228272016090002", "三胡乡", "黄柏园村", "一组", 2014, "因病", "一般贫困户", "杨翠花", "12345", "女", N, "户主", "土家族", "×", "1200.5", 0]),
    (8, ["合计", N, N, N, N, N, N, N, N, N, N, N, N, N, N, 6200.5, 300]),
    (10, ["制表人：张三", N, N, N, N, "审核人：李四"]),
    (11, ["填报日期：2016年12月31日"]),
]
merges = ["A1:Q1", "P3:Q3"] + ["%s3:%s4" % (col(i), col(i)) for i in range(15)]
shiqiao = [
    (1, ["三胡乡石桥村建档立卡贫困户花名册"]),
    (2, ["户编号", "乡镇", "行政村", "村民小组", "识别年度", "主要致贫原因", "贫困户属性", "姓名", "证件号码", "性别", "出生日期", "与户主关系", "民族", "是否参加基本医疗保险", "2016年工资性收入", "2016年生产经营性支出"]),
    (3, ["4228272016090003", "三胡乡", "石桥村", "二组", "2015", "缺技术", "低保贫困户", "冉光明", GUANGMING, N, N, "户主", "土家族", "有", "12000", 0]),
    (4, ["4228272016090003", "三胡乡", "石桥村", "二组", N, N, N, "冉小明", SON, N, N, "之子", "土家族", "N", N, N]),
    (5, ["石桥村小计", N, N, N, N, N, N, N, N, N, N, N, N, N, "12000", 0]),
]
sheets = [("填表说明", instructions, []), ("黄柏园村", huangbaiyuan, merges), ("石桥村", shiqiao, [])]

with zipfile.ZipFile("office-book.xlsx", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
               + "".join('<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' % (i + 1) for i in range(len(sheets))) + '</Types>')
    z.writestr("_rels/.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>')
    z.writestr("xl/workbook.xml", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
               + "".join('<sheet name="%s" sheetId="%d" r:id="rId%d"/>' % (name, i + 1, i + 1) for i, (name, _, _) in enumerate(sheets)) + '</sheets></workbook>')
    z.writestr("xl/_rels/workbook.xml.rels", '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
               + "".join('<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>' % (i + 1, i + 1) for i in range(len(sheets))) + '</Relationships>')
    for i, (_, rows, m) in enumerate(sheets):
        z.writestr("xl/worksheets/sheet%d.xml" % (i + 1), sheet_xml(rows, m))
