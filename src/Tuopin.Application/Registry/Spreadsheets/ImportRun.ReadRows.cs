using System.Globalization;

using Tuopin.Application.Common;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Reading: the header, then each row into its household's draft and a member, every fault named with its row and column.</summary>
internal sealed partial class ImportRun
{
    private TemplateColumn?[] _columns = [];
    private int _headerLine = 1;

    /// <summary>A line of the file in words for a message ("第5行" / "row 5"; with its sheet in a workbook of several lists).</summary>
    public Func<int, LocalText>? Locate { get; set; }

    private LocalText Where(int line) => Locate?.Invoke(line) is { } where ? where : new LocalText(Inv($"第{line}行"), Inv($"row {line}"));
    private string[] _headers = [];
    private int[] _householdSlot = [];
    private List<TemplateColumn> _householdColumns = [];
    private Dictionary<string, (string Raw, object? Value)>?[] _textCache = [];
    private Dictionary<string, (string Raw, object? Value)>?[] _numberCache = [];
    private const int SlotCacheSize = 4096;
    private readonly Dictionary<string, int> _indexOf = [];
    private readonly Dictionary<string, int> _slotOf = [];

    public async Task ReadAllAsync(IEnumerable<SheetRow> rows, IProgress<int>? progress, CancellationToken ct)
    {
        var header = true;
        foreach (var row in Timings.Time(rows))
        {
            if (header)
            {
                header = false;
                _headerLine = row.Number;
                if (!ReadHeader(row)) return;
                continue;
            }
            if (row.IsBlank) continue;
            RowCount++;
            var parse = Timings["parse and check rows"];
            parse.Start();
            ReadRow(row);
            parse.Stop();
            // Writing while reading: the lookups wait for the check batch (the connection is the writer's meanwhile).
            if (!_writer.IsOpen && _pendingIds.Count >= LookupBatch) await LookUpIdsAsync(ct);
            if (_closed.Count >= CheckBatch) await CheckClosedAsync(ct);
            if (RowCount % 2000 == 0)
            {
                ct.ThrowIfCancellationRequested();
                progress?.Report(RowCount);
            }
        }
        await LookUpIdsAsync(ct);
        if (_current is not null) Close(_current);
        await CheckClosedAsync(ct);
        if (header)
            _errors.Add(new(1, string.Empty, string.Empty, "import.empty", new LocalText("文件是空的：第1行应为表头", "The file is empty: row 1 should be the header")));
        progress?.Report(RowCount);
    }

    private bool ReadHeader(SheetRow row)
    {
        _headers = row.Cells.Select(c => TextCleaner.Clean(c.Text)).ToArray();
        _columns = new TemplateColumn?[_headers.Length];
        var unknown = new List<string>();
        for (var i = 0; i < _headers.Length; i++)
        {
            if (_headers[i].Length == 0 || RegistryTemplate.IsIgnored(_headers[i])) continue;
            var column = RegistryTemplate.Find(_headers[i]);
            if (column is null)
            {
                unknown.Add(_headers[i]);
                continue;
            }
            if (_indexOf.ContainsKey(column.Key))
            {
                _errors.Add(new(_headerLine, _headers[i], _headers[i], "column.duplicate",
                    new LocalText(Inv($"第{XlsxReader.ColumnName(i)}列“{_headers[i]}”与第{XlsxReader.ColumnName(_indexOf[column.Key])}列是同一项，表头中只能出现一次"),
                        Inv($"Column {XlsxReader.ColumnName(i)} '{_headers[i]}' repeats column {XlsxReader.ColumnName(_indexOf[column.Key])}; each field appears once"))));
                continue;
            }
            _columns[i] = column;
            _indexOf[column.Key] = i;
        }
        var renamed = unknown.Count == 0 ? new LocalText("", "") : new LocalText(
            "；文件中有未识别的列：" + string.Join("、", unknown.Select(u => $"“{u}”")) + "，是否改了列名？",
            "; the file has columns that are not in the template: " + string.Join(", ", unknown.Select(u => $"'{u}'")) + " — was a column renamed?");
        foreach (var required in RegistryTemplate.Fixed.Where(c => c.Required && !_indexOf.ContainsKey(c.Key)))
            _errors.Add(new(_headerLine, required.Zh, string.Empty, "column.missing",
                new LocalText(Inv($"缺少必填列“{required.Zh}”（英文表头“{required.En}”也可）{renamed.Zh}"), Inv($"The required column '{required.Zh}' ({required.En}) is missing{renamed.En}"))));
        if (_errors.Count > 0) return false;
        _householdColumns = [.. _columns.OfType<TemplateColumn>().Where(c => c.Scope != ColumnScope.Member)];
        for (var i = 0; i < _householdColumns.Count; i++) _slotOf[_householdColumns[i].Key] = i;
        _householdSlot = _columns.Select(c => c is null || c.Scope == ColumnScope.Member ? -1 : _householdColumns.IndexOf(c)).ToArray();
        _textCache = new Dictionary<string, (string, object?)>?[_householdColumns.Count];
        _numberCache = new Dictionary<string, (string, object?)>?[_householdColumns.Count];
        return true;
    }

    private string Cell(SheetRow row, string key, out SheetCell cell)
    {
        cell = _indexOf.TryGetValue(key, out var i) ? row[i] : default;
        return TextCleaner.Clean(cell.Text);
    }

    private void ReadRow(SheetRow row)
    {
        var number = CellParser.HouseholdNumber(row[_indexOf["number"]], out var numberFault);
        if (_writing && !grouped)
        {
            // Pass 2 of a file not grouped: the household was built in pass 1; only the member record is built.
            var household = number is null ? null : _byNumber.GetValueOrDefault(number);
            if (household is null) throw FileChanged(row.Number);
            _written = ReadMember(row);
            _writtenHousehold = household;
            return;
        }
        if (number is null)
        {
            Error(row.Number, "number", row[_indexOf["number"]].Text ?? string.Empty, numberFault!.Code, numberFault.Message);
            number = "?" + row.Number.ToString(CultureInfo.InvariantCulture); // a household of its own, so the row's other faults are still found
        }
        HouseholdDraft? draft;
        if (grouped)
        {
            // Only the household being read (and the batch being checked) is in memory.
            if (_current is not null && _current.Number == number) draft = _current;
            else
            {
                if (!_writing)
                {
                    if (_closedNumbers.Contains(NumberKey(number))) throw new UngroupedFileException();
                    if (_current is not null) Close(_current);
                    HouseholdCount++;
                }
                draft = _current = new HouseholdDraft(number, row.Number, _householdColumns.Count);
            }
        }
        else if (!_byNumber.TryGetValue(number, out draft))
        {
            draft = new HouseholdDraft(number, row.Number, _householdColumns.Count);
            _byNumber[number] = draft;
            Households.Add(draft);
            HouseholdCount++;
        }
        draft.Rows.Add(row.Number);

        // Household fields: the first value of each column stands; later rows may repeat it, not contradict it.
        for (var i = 0; i < _columns.Length; i++)
        {
            var slot = _householdSlot[i];
            if (slot < 0) continue;
            var text = TextCleaner.Clean(row[i].Text);
            if (text.Length == 0 || draft.Raw[slot] == text) continue;
            var column = _householdColumns[slot];
            // Parsed once per distinct text of the column: households repeat the same few values, and
            // they then share one string and one boxed value instead of holding a copy each.
            var cache = (row[i].IsNumber ? _numberCache : _textCache)[slot] ??= new Dictionary<string, (string, object?)>(StringComparer.Ordinal);
            object? value;
            if (cache.TryGetValue(text, out var known)) (text, value) = known;
            else
            {
                value = ParseHouseholdValue(column, row[i], text, out var fault);
                if (fault is not null)
                {
                    Error(row.Number, column.Key, row[i].Text, fault.Code, fault.Message);
                    continue;
                }
                if (cache.Count < SlotCacheSize) cache[text] = (text, value);
            }
            if (draft.Raw[slot] is null)
            {
                draft.Raw[slot] = text;
                draft.Values[slot] = value;
                draft.RowOf[slot] = row.Number;
            }
            else if (!Equals(value, draft.Values[slot]))
            {
                Error(row.Number, column.Key, row[i].Text, "household.contradiction",
                    new LocalText(Inv($"同一户（户编号 {number}）的{column.Zh}前后不一致：{Where(draft.RowOf[slot]).Zh}填写的是“{draft.Raw[slot]}”，本行是“{text}”"),
                        Inv($"{column.En} differs within household {number}: {Where(draft.RowOf[slot]).En} says '{draft.Raw[slot]}', this row '{text}'")));
            }
        }
        var member = ReadMember(row);
        draft.People.Add(new MemberSummary(row.Number, member.Entity.Relation, member.Entity.Status, member.Entity.ResidentIdIndex));
        if (_writing || Writing) draft.Members.Add(member);
    }

    /// <summary>A household number as a 64-bit FNV-1a hash (stable, for the grouped-file check).</summary>
    private static ulong NumberKey(string number)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in number)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        return hash;
    }

    private MemberDraft? _written;
    private HouseholdDraft? _writtenHousehold;

    private static InvalidOperationException FileChanged(int row) =>
        new(Inv($"Row {row} of the import file differs between the check and the write: the file changed during the import. Nothing was stored."));

    private static object? ParseHouseholdValue(TemplateColumn column, SheetCell cell, string text, out CellParser.Fault? fault)
    {
        fault = null;
        switch (column.Key)
        {
            case "township": case "village": case "group": case "phone":
                return text;
            case "registrationYear": case "exitYear":
                return CellParser.Int(text, column.Name, out fault);
            case "registeredOn": case "exitedOn":
                return CellParser.Date(cell, text, column.Name, out fault);
            case "standard": return CellParser.Code(text, Codes.Standards, out fault);
            case "attribute": return CellParser.Code(text, Codes.Attributes, out fault);
            case "mainCause": case "otherCause1": case "otherCause2": return CellParser.Code(text, Codes.Causes, out fault);
            case "housing": return CellParser.Code(text, Codes.Housings, out fault);
            case "entryRoad": return CellParser.Code(text, Codes.EntryRoads, out fault);
            case "mainFuel": return CellParser.Code(text, Codes.Fuels, out fault);
            case "status": return CellParser.Code(text, Codes.Statuses, out fault);
            case "housingArea": case "distanceToMainRoadKm": return CellParser.Decimal(text, column.Name, out fault);
            case "isAdobeHouse": case "hasLivingPower": case "hasProductionPower": case "drinkingWaterDifficult":
            case "drinkingWaterSafe": case "hasSanitaryToilet": case "inCooperative":
                return CellParser.Bool(text, column.Name, out fault);
        }
        if (column.Scope == ColumnScope.Income)
            return column.Part == "HouseholdSize" ? CellParser.Int(text, column.Name, out fault) : CellParser.Decimal(text, column.Name, out fault);
        return text;
    }

    private MemberDraft ReadMember(SheetRow row)
    {
        var member = new Member { Id = Guid.CreateVersion7(), Name = string.Empty, ResidentIdCipher = string.Empty, ResidentIdIndex = string.Empty };
        var draft = new MemberDraft(row.Number, member);
        var faults = new List<(string Key, string Value, CellParser.Fault Fault)>();

        member.Name = Cell(row, "name", out _);
        var idCell = row[_indexOf["residentId"]];
        var idText = CellParser.ResidentId(idCell, out var idFault);
        if (idFault is not null) faults.Add(("residentId", idCell.Text, idFault));

        var sexText = Cell(row, "sex", out _);
        Sex? sex = sexText.Length == 0 ? null : CellParser.Code(sexText, Codes.Sexes, out var f1) is { } s ? s : Fail<Sex>(faults, "sex", sexText, f1);
        var birthText = Cell(row, "birthDate", out var birthCell);
        DateOnly? birth = birthText.Length == 0 ? null : CellParser.Date(birthCell, birthText, new LocalText("出生日期", "Birth date"), out var f2) is { } b ? b : Fail<DateOnly>(faults, "birthDate", birthText, f2);

        T? Code<T>(string key, CodeList<T> list) where T : struct
        {
            var text = Cell(row, key, out _);
            if (text.Length == 0) return null;
            var value = CellParser.Code(text, list, out var fault);
            if (fault is not null) faults.Add((key, text, fault));
            return value;
        }
        int? Int(string key, LocalText name)
        {
            var text = Cell(row, key, out _);
            if (text.Length == 0) return null;
            var value = CellParser.Int(text, name, out var fault);
            if (fault is not null) faults.Add((key, text, fault));
            return value;
        }
        bool? Bool(string key, LocalText name)
        {
            var text = Cell(row, key, out _);
            if (text.Length == 0) return null;
            var value = CellParser.Bool(text, name, out var fault);
            if (fault is not null) faults.Add((key, text, fault));
            return value;
        }

        var relationText = Cell(row, "relation", out _);
        if (relationText.Length == 0)
            faults.Add(("relation", relationText, new CellParser.Fault("member.relation_required", new LocalText("与户主关系不能为空", "The relation to the head is required"))));
        else if (Code("relation", Codes.Relations) is { } relation) member.Relation = relation;
        var ethnicityText = Cell(row, "ethnicity", out _);
        if (ethnicityText.Length > 0)
        {
            var ethnicity = CellParser.Ethnicity(ethnicityText, out var fe);
            if (fe is not null) faults.Add(("ethnicity", ethnicityText, fe));
            else member.EthnicityCode = ethnicity!;
        }
        member.Education = Code("education", Codes.Educations) ?? Education.Primary;
        member.Schooling = Code("schooling", Codes.Schoolings) ?? Schooling.NotInSchool;
        member.Health = Code("health", Codes.Healths) ?? Health.Healthy;
        member.DisabilityGrade = Int("disabilityGrade", new LocalText("残疾等级", "Disability grade"));
        member.Labour = Code("labour", Codes.LabourSkills) ?? LabourSkill.Ordinary;
        member.MigrantWork = Code("migrantWork", Codes.MigrantWorks);
        member.MigrantMonths = Int("migrantMonths", new LocalText("务工时间", "Months of migrant work"));
        member.MedicalInsurance = Bool("medicalInsurance", new LocalText("是否参加基本医疗保险", "Basic medical insurance")) ?? false;
        member.PensionInsurance = Bool("pensionInsurance", new LocalText("是否参加基本养老保险", "Basic pension insurance")) ?? false;
        member.Status = Code("memberStatus", Codes.MemberStatuses) ?? MemberStatus.Present;

        // Sex and birth date may be left out: the resident ID says them.
        if (idText is not null && ResidentId.TryParse(idText, out var parsed))
        {
            sex ??= parsed.Sex;
            birth ??= parsed.BirthDate;
        }
        member.Sex = sex ?? Sex.Male;
        member.BirthDate = birth ?? default;

        foreach (var p in RegistryRules.CheckMember("m.", member))
        {
            // Codes already reported as unparsable are not reported twice.
            var key = MemberKey(p.Field);
            if (faults.Any(f => f.Key == key)) continue;
            faults.Add((key, Cell(row, key, out _), new CellParser.Fault(p.Code, p.Message)));
        }
        if (idText is not null)
        {
            var identity = RegistryRules.CheckIdentity("m.", idText, member.Sex, member.BirthDate, today, out var id);
            foreach (var p in identity)
            {
                var key = MemberKey(p.Field);
                if (faults.Any(f => f.Key == key)) continue;
                // A stated sex or birth date is what disagrees; if it was left blank the ID was the source.
                faults.Add((key, key == "residentId" ? idCell.Text : Cell(row, key, out _), new CellParser.Fault(p.Code, p.Message)));
            }
            if (!identity.Any(p => p.Code == "resident_id.invalid"))
            {
                draft.ResidentId = id.Value;
                // Not kept per row: only its 32 bytes, for the duplicate check (the fallback's pass 2 makes it again).
                Timings["blind index (in parse)"].Start();
                member.ResidentIdIndex = protector.Index(id.Value);
                Timings["blind index (in parse)"].Stop();
                if (!_writing)
                {
                    var key = BlindKey.Of(member.ResidentIdIndex);
                    if (_rowOfIndex.TryGetValue(key, out var first))
                        faults.Add(("residentId", idCell.Text, new CellParser.Fault("member.duplicate_in_file",
                            new LocalText(Inv($"证件号码与{Where(first).Zh}重复：同一人在文件中只能出现一次"), Inv($"The resident ID repeats {Where(first).En}: a person appears once in the file")))));
                    else
                    {
                        _rowOfIndex[key] = row.Number;
                        _pendingIds.Add((member.ResidentIdIndex, id.Value));
                    }
                }
            }
        }
        if (_writing && faults.Count > 0) throw FileChanged(row.Number);
        foreach (var (key, value, fault) in faults) Error(row.Number, key, value, fault.Code, fault.Message);
        draft.Valid = faults.Count == 0;
        return draft;
    }

    private static T? Fail<T>(List<(string, string, CellParser.Fault)> faults, string key, string text, CellParser.Fault? fault) where T : struct
    {
        if (fault is not null) faults.Add((key, text, fault));
        return null;
    }

    private static string MemberKey(string field)
    {
        var key = field.StartsWith("m.", StringComparison.Ordinal) ? field[2..] : field;
        return key == "status" ? "memberStatus" : key;
    }
}
