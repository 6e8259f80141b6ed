using System.Globalization;

using Tuopin.Application.Common;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// The import's reading: the header, then each row into its household's draft and a member, every fault
/// reported to the run's <see cref="ImportErrors"/> with its row and column. It owns the row state: the
/// header and its index of columns, the parsed-value caches, the household being read, the households
/// whose rows have ended (<see cref="Closed"/>, until the run has checked them), the first row of each
/// resident ID since the last batch written (for "the same person twice in the file") and the IDs not
/// yet looked up in the registry (<see cref="PendingIds"/>).
/// <para>
/// Grouped files keep only the household being read and the batch not yet checked: a household number
/// that comes again after its rows ended means the file is not grouped (<see cref="UngroupedFileException"/>).
/// Files not grouped keep every household (<see cref="Households"/>) to the end of pass 2, which reads
/// the members again (<see cref="ReadMembersAgain"/>).
/// </para>
/// </summary>
internal sealed class ImportRowReader(ImportErrors errors, IPersonalDataProtector protector, DateOnly today, ImportTimings timings, bool grouped, Func<int, LocalText>? locate)
{
    private TemplateColumn?[] _columns = [];
    private int _headerLine = 1;
    private string[] _headers = [];
    private int[] _householdSlot = [];
    private List<TemplateColumn> _householdColumns = [];
    private Dictionary<string, (string Raw, object? Value)>?[] _textCache = [];
    private Dictionary<string, (string Raw, object? Value)>?[] _numberCache = [];
    private const int SlotCacheSize = 4096;
    private readonly Dictionary<string, int> _indexOf = [];

    // Grouped files (a household's rows together, as the export writes them): only the household being
    // read, and those closed since the run last checked, are here.
    private HouseholdDraft? _current;
    private readonly List<HouseholdDraft> _closed = [];
    // Households not grouped: every household by its number, to the end of pass 2.
    private readonly Dictionary<string, HouseholdDraft> _byNumber = [];
    // Grouped: the 64-bit hashes of the numbers of the households read since the last batch written (a
    // repeat means the rows are not together; a hash collision only sends the import to the ungrouped
    // fallback, which is exact). Households of the batches written are found in the database instead.
    private readonly HashSet<ulong> _closedNumbers = [];
    // The first row of each ID's blind index since the last batch written: 32 bytes and a row number
    // instead of a 43-character string. IDs of the batches written are found in the database (inside the
    // import's transaction) by the registry lookup, so that for a file that is being written this stays
    // the size of a batch; when nothing is written (a dry run, or after a rejected row) it keeps every row.
    private readonly Dictionary<BlindKey, int> _rowOfIndex = [];
    // The IDs read since the registry lookup last ran.
    private readonly List<(string Index, string ResidentId)> _pendingIds = [];
    // Pass 2 of a file not grouped: the rows are read again for their members only.
    private bool _again;
    private MemberDraft? _written;
    private HouseholdDraft? _writtenHousehold;

    private static string Inv(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>A line of the file in words for a message ("第5行" / "row 5"; with its sheet in a workbook of several lists).</summary>
    private LocalText Where(int line) => locate?.Invoke(line) is { } where ? where : new LocalText(Inv($"第{line}行"), Inv($"row {line}"));

    /// <summary>The data rows read (blank rows aside).</summary>
    public int RowCount { get; private set; }

    /// <summary>The households of the file (distinct numbers, a row without a number counts as one).</summary>
    public int HouseholdCount { get; private set; }

    /// <summary>The households kept from pass 1 to pass 2: only when the file is not grouped.</summary>
    public List<HouseholdDraft> Households { get; } = [];

    /// <summary>The household (and income) columns of the header, in the order of a draft's slots.</summary>
    public IReadOnlyList<TemplateColumn> HouseholdColumns => _householdColumns;

    /// <summary>
    /// Checked households are written as they are read: while no row has been rejected, each draft keeps
    /// its members (otherwise only what the checks need of them).
    /// </summary>
    public bool KeepMembers { get; set; }

    /// <summary>The households whose rows have all been read, not yet checked.</summary>
    public IReadOnlyList<HouseholdDraft> Closed => _closed;

    /// <summary>The run has checked (and handed on) the closed households.</summary>
    public void ClearClosed() => _closed.Clear();

    /// <summary>The resident IDs read since the last registry lookup, with their blind indexes.</summary>
    public IReadOnlyList<(string Index, string ResidentId)> PendingIds => _pendingIds;

    /// <summary>The pending IDs have been looked up.</summary>
    public void ClearPendingIds() => _pendingIds.Clear();

    /// <summary>The end of the file: the household being read is closed.</summary>
    public void CloseCurrent()
    {
        if (_current is not null) Close(_current);
    }

    /// <summary>Every household not closed yet (all of them when the file is not grouped).</summary>
    public void CloseAll()
    {
        foreach (var h in Households) if (!h.Closed) Close(h);
    }

    private void Close(HouseholdDraft h)
    {
        if (h.Closed) return;
        h.Closed = true;
        _closed.Add(h);
        if (grouped) _closedNumbers.Add(NumberKey(h.Number));
    }

    /// <summary>
    /// A batch went to the writer: from now on the database answers for its rows, and an ID or household
    /// number of theirs that comes again is found by the registry lookup. The household being read stays
    /// (its rows are not written yet).
    /// </summary>
    public void BatchWritten()
    {
        _rowOfIndex.Clear();
        _closedNumbers.Clear();
        foreach (var p in _current?.People ?? [])
            if (p.Index.Length > 0) _rowOfIndex.TryAdd(BlindKey.Of(p.Index), p.Row);
    }

    /// <summary>One data row: into its household's draft (household fields) and a member.</summary>
    public void Read(SheetRow row)
    {
        RowCount++;
        ReadRow(row);
    }

    /// <summary>Pass 2 of a file not grouped: each data row's member again, with the household that pass 1 built for it; a row read differently means the file changed.</summary>
    public IEnumerable<(MemberDraft Member, HouseholdDraft Household)> ReadMembersAgain(IEnumerable<SheetRow> rows)
    {
        _again = true;
        errors.Seal();
        var seen = 0;
        var read = timings["pass 2: read file"];
        var parse = timings["pass 2: parse rows, encrypt IDs"];
        var header = true;
        foreach (var row in timings.Time(rows, read))
        {
            if (header) { header = false; continue; }
            if (row.IsBlank) continue;
            parse.Start();
            ReadRow(row);
            parse.Stop();
            seen++;
            yield return (_written!, _writtenHousehold!);
        }
        if (seen != RowCount) throw FileChanged(0);
    }

    /// <summary>The header row: the template's columns found by name (a column twice, and required columns missing, are reasons on the header's line). False when it has faults.</summary>
    public bool ReadHeader(SheetRow row)
    {
        _headerLine = row.Number;
        _headers = row.Cells.Select(c => TextCleaner.Clean(c.Text)).ToArray();
        errors.UseHeader(_headers, _indexOf);
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
                errors.AddAsIs(new(_headerLine, _headers[i], _headers[i], "column.duplicate",
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
            errors.AddAsIs(new(_headerLine, required.Zh, string.Empty, "column.missing",
                new LocalText(Inv($"缺少必填列“{required.Zh}”（英文表头“{required.En}”也可）{renamed.Zh}"), Inv($"The required column '{required.Zh}' ({required.En}) is missing{renamed.En}"))));
        if (errors.Count > 0) return false;
        _householdColumns = [.. _columns.OfType<TemplateColumn>().Where(c => c.Scope != ColumnScope.Member)];
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
        if (_again && !grouped)
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
            errors.Add(row.Number, "number", row[_indexOf["number"]].Text ?? string.Empty, numberFault!.Code, numberFault.Message);
            number = "?" + row.Number.ToString(CultureInfo.InvariantCulture); // a household of its own, so the row's other faults are still found
        }
        HouseholdDraft? draft;
        if (grouped)
        {
            // Only the household being read (and the batch being checked) is in memory.
            if (_current is not null && _current.Number == number) draft = _current;
            else
            {
                if (!_again)
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
                    errors.Add(row.Number, column.Key, row[i].Text, fault.Code, fault.Message);
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
                errors.Add(row.Number, column.Key, row[i].Text, "household.contradiction",
                    new LocalText(Inv($"同一户（户编号 {number}）的{column.Zh}前后不一致：{Where(draft.RowOf[slot]).Zh}填写的是“{draft.Raw[slot]}”，本行是“{text}”"),
                        Inv($"{column.En} differs within household {number}: {Where(draft.RowOf[slot]).En} says '{draft.Raw[slot]}', this row '{text}'")));
            }
        }
        var member = ReadMember(row);
        draft.People.Add(new MemberSummary(row.Number, member.Entity.Relation, member.Entity.Status, member.Entity.ResidentIdIndex));
        if (_again || (KeepMembers && errors.Count == 0)) draft.Members.Add(member);
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

    /// <summary>Pass 2 read a row differently from pass 1.</summary>
    public static InvalidOperationException FileChanged(int row) =>
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
                timings["blind index (in parse)"].Start();
                member.ResidentIdIndex = protector.Index(id.Value);
                timings["blind index (in parse)"].Stop();
                if (!_again)
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
        if (_again && faults.Count > 0) throw FileChanged(row.Number);
        foreach (var (key, value, fault) in faults) errors.Add(row.Number, key, value, fault.Code, fault.Message);
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
