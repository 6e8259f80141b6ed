using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Assistance;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Assistance;

/// <summary>
/// Imports who attended one course from the sign-in list the organiser or the village keeps (.xlsx, .xls or .csv in
/// UTF-8 or GB18030), one row a person: 姓名, and 村 (a name or the 12-digit code) and/or 身份证号. A resident ID that
/// belongs to a member of a registered household in the user's area makes the row that member's attendance (placed in
/// the household's village); anyone else is recorded by name and village, like a village cadre on the form. The ID is
/// only looked up, by the registry's blind index, never stored here nor repeated in a message (masked). All or nothing,
/// every fault named by its row and column; each person is checked by the form's rules (<see cref="AttendanceChecks"/>).
/// </summary>
public sealed class ImportTrainingAttendance(Database database)
{
    /// <summary>A course's list: the county's 雨露计划 of a year has about a thousand children.</summary>
    public const int MaxRows = 5_000;

    public const long MaxUploadBytes = 10L << 20;

    public sealed record Request(Guid CourseId, Stream Content, string FileName);

    /// <summary>Rows read; of the people recorded, how many were found as registered members and how many by name.</summary>
    public sealed record Result(int Rows, int Members, int Others, IReadOnlyList<SkippedRow> Skipped);

    public static readonly SheetColumn Number = new("序号", "no");
    public static readonly SheetColumn Name = new("姓名", "name", true, "学员姓名", "参训人员");
    public static readonly SheetColumn ResidentId = new("身份证号", "resident_id", false, "身份证号码", "公民身份号码", "证件号码", "id_number");
    public static readonly SheetColumn Township = new("乡镇", "township", false, "乡（镇）", "所在乡镇");
    public static readonly SheetColumn Village = new("村", "village", false, "行政村", "所在村", "村代码", "village_code");
    public static readonly SheetColumn Completed = new("是否结业", "completed", false, "结业", "结业情况");

    /// <summary>The columns (序号, a list's running number, is read and left aside).</summary>
    public static readonly IReadOnlyList<SheetColumn> Columns = [Number, Name, ResidentId, Township, Village, Completed];

    private sealed record Place(Guid Id, string Code, string Name, string OfficialName, string Township);

    private sealed record Registered(Guid Id, string Name, Guid VillageId, string Index);

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        AssistanceAccess.RequireWriter(actor);
        await using var db = database.Open();
        var course = await AttendanceChecks.CourseAsync(db, actor, request.CourseId, ct);
        var sheet = SheetImport.Read(request.Content, request.FileName, Columns, MaxRows);
        if (!sheet.Has(Village) && !sheet.Has(ResidentId))
            throw new InvalidRequestException([new Problem("file", "import.missing_column", new LocalText(
                $"缺少列“{Village.Heading}”：不是在册成员的参训人员按姓名和村登记（也可加“{ResidentId.Heading}”列查找在册成员）",
                $"The column \"{Village.Heading}\" ({Village.Code}) is missing: people who are not registered members are recorded by name and village (a \"{ResidentId.Heading}\" column finds registered members)"))]);

        var ids = new Dictionary<ImportRow, string>();
        var idFaults = new Dictionary<ImportRow, Problem>();
        foreach (var row in sheet.Rows)
        {
            if (row[ResidentId] is not { Length: > 0 } text) continue;
            var (index, fault) = Index(sheet, row, text);
            if (index is not null) ids[row] = index;
            if (fault is not null) idFaults[row] = fault;
        }
        var indexes = ids.Values.Distinct().ToList();
        // The area filter applies: a member outside the user's area is not found, exactly like a person not registered.
        var registered = (await db.Members.AsNoTracking().Where(m => indexes.Contains(m.ResidentIdIndex) && m.Household!.Status != HouseholdStatus.Removed)
            .Select(m => new Registered(m.Id, m.Name, m.Household!.VillageId, m.ResidentIdIndex)).ToListAsync(ct)).ToLookup(m => m.Index);
        var places = await AssistanceAccess.VillagesOf(db, actor)
            .Select(v => new Place(v.Id, v.Code, v.Name, v.OfficialName, v.Township!.Name)).ToListAsync(ct);

        // Each problem with its row's line, so that the refusal lists them row by row whichever check found them.
        var problems = new List<Problem>();
        var lineOf = new List<int>();
        var attendees = new List<RecordTrainingAttendance.Attendee>();
        var lines = new List<int>();
        var members = 0;
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            var name = sheet.Required(row, Name, problems);
            if (name is not null && TrainingAttendance.NameFault(name) is { } nameFault) problems.Add(sheet.At(row.Line, Name.Heading, "training.name", nameFault));
            if (idFaults.TryGetValue(row, out var idFault)) problems.Add(idFault);
            var village = row[Village] is { Length: > 0 } villageText ? Find(sheet, row, villageText, row[Township], places, problems) : null;
            var completed = IsCompleted(sheet, row, problems);
            Registered? member = null;
            if (ids.TryGetValue(row, out var index))
            {
                var found = registered[index].ToList();
                if (found.Count > 1)
                    problems.Add(sheet.At(row.Line, ResidentId.Heading, "training.resident_id_twice", new LocalText(
                        $"身份证号码 {Masked(row)} 在名册中登记了 {found.Count} 次，请先核实名册", $"the resident ID {Masked(row)} is registered {found.Count} times; have the register checked first")));
                else if (found.Count == 1)
                {
                    member = found[0];
                    if (name is not null && Plain(name) != Plain(member.Name))
                        problems.Add(sheet.At(row.Line, Name.Heading, "training.name_differs", new LocalText(
                            $"与身份证号码 {Masked(row)} 在名册中的成员姓名不一致", $"differs from the registered member's name for the resident ID {Masked(row)}")));
                    if (village is not null && village.Id != member.VillageId)
                    {
                        var home = places.First(p => p.Id == member.VillageId);
                        problems.Add(sheet.At(row.Line, Village.Heading, "training.village_differs", new LocalText(
                            $"身份证号码 {Masked(row)} 的在册成员属于{home.Township}{home.Name}，与填写的村不一致",
                            $"the registered member with the resident ID {Masked(row)} lives in {home.Township} {home.Name}, not in the village given")));
                    }
                }
                else if (row[Village] is null)
                    // Not a registered member of the area: recorded by name in a village, which must then be given.
                    problems.Add(sheet.At(row.Line, Village.Heading, "training.village", new LocalText(
                        $"身份证号码 {Masked(row)} 不是您管辖范围内在册贫困户成员的，请填写此人所在的村",
                        $"the resident ID {Masked(row)} is not a registered member's in your area; give the person's village")));
            }
            else if (row[Village] is null && !idFaults.ContainsKey(row))
                sheet.Required(row, Village, problems);
            while (lineOf.Count < problems.Count) lineOf.Add(row.Line);
            if (problems.Count > before) continue;
            attendees.Add(member is not null
                ? new RecordTrainingAttendance.Attendee(MemberId: member.Id, Completed: completed)
                : new RecordTrainingAttendance.Attendee(VillageId: village!.Id, Name: name, Completed: completed));
            lines.Add(row.Line);
            if (member is not null) members++;
        }

        var checks = await AttendanceChecks.LoadAsync(db, actor, course, attendees, ct);
        var records = checks.Check(attendees, i => Lower(sheet.Where(lines[i])), (i, fault) =>
        {
            var column = fault.Field switch { "memberId" => ResidentId.Heading, "villageId" => Village.Heading, _ => Name.Heading };
            problems.Add(sheet.At(lines[i], column, fault.Code, fault.Reason));
            lineOf.Add(lines[i]);
        }, actor.UserName, database.Clock.GetUtcNow().UtcDateTime);
        if (problems.Count > 0) throw new InvalidRequestException([.. problems.Zip(lineOf).OrderBy(p => p.Second).Select(p => p.First)]);
        db.TrainingAttendances.AddRange(records);
        db.ChangeReason = $"导入培训班“{course.Name}”参训名单 {Path.GetFileName(request.FileName)}";
        await db.SaveChangesAsync(ct);
        return new Result(sheet.Rows.Count, members, records.Count - members, [.. sheet.Skipped]);

        string Masked(ImportRow row) => Domain.Registry.ResidentId.Mask(row[ResidentId] ?? string.Empty);
    }

    /// <summary>The registry's blind index of a row's resident ID, or a fault that shows the number masked.</summary>
    private (string? Index, Problem? Fault) Index(ImportTable sheet, ImportRow row, string text)
    {
        var cleaned = CellParser.ResidentId(new SheetCell(text, false), out var fault);
        if (fault is null && Domain.Registry.ResidentId.TryParse(cleaned, out var id)) return (database.Protector.Index(id.Value), null);
        // The parsers' own reasons quote the number; this one shows only its masked form.
        var masked = Domain.Registry.ResidentId.Mask(text);
        return (null, sheet.At(row.Line, ResidentId.Heading, "training.resident_id", fault?.Code is "resident_id.excel_number" or "resident_id.digits_lost"
            ? new LocalText($"身份证号码 {masked} 被 Excel 转成了数字，后几位已丢失；请把该列设为“文本”格式后重新录入", $"the resident ID {masked} was turned into a number by Excel and its last digits are lost; format the column as Text and enter it again")
            : new LocalText($"身份证号码 {masked} 不是有效的18位号码（位数、出生日期或校验位不对）", $"the resident ID {masked} is not a valid 18-character number (its length, birth date or check character is wrong)")));
    }

    /// <summary>是否结业: yes unless the list says no; a list may also write 结业 or 未结业.</summary>
    private static bool IsCompleted(ImportTable sheet, ImportRow row, List<Problem> problems)
    {
        var text = row[Completed];
        if (string.IsNullOrEmpty(text)) return true;
        if (text is "结业" or "已结业") return true;
        if (text is "未结业") return false;
        var value = CellParser.Bool(text, new LocalText(Completed.Heading, Completed.Code), out var fault);
        if (fault is not null) problems.Add(sheet.At(row.Line, Completed.Heading, fault.Code, fault.Message));
        return value ?? true;
    }

    /// <summary>
    /// The village a cell names among the user's area: its 12-digit code, its name (黄柏园村) or official name
    /// (黄柏园村委会), with its township before it (三胡乡/黄柏园村) or in the 乡镇 column when two villages share a name.
    /// </summary>
    private static Place? Find(ImportTable sheet, ImportRow row, string text, string? township, List<Place> places, List<Problem> problems)
    {
        var compact = Plain(text);
        var found = compact.Length == 12 && compact.All(char.IsAsciiDigit)
            ? places.Where(p => p.Code == compact).ToList()
            : places.Where(p => compact == p.Name || compact == p.OfficialName || compact == p.Township + p.Name || compact == $"{p.Township}/{p.Name}").ToList();
        if (!string.IsNullOrEmpty(township)) found = found.Where(p => p.Township == Plain(township)).ToList();
        if (found.Count == 1) return found[0];
        var within = string.IsNullOrEmpty(township) ? "" : Plain(township);
        problems.Add(found.Count == 0
            ? sheet.At(row.Line, Village.Heading, "training.village", new LocalText($"村“{within}{text}”不存在或不在您的管辖范围内", $"the village \"{within}{text}\" does not exist or is outside your area"))
            : sheet.At(row.Line, Village.Heading, "training.village_ambiguous", new LocalText(
                $"有 {found.Count} 个村叫“{text}”（{string.Join("、", found.Select(p => p.Township))}），请填写村代码或乡镇",
                $"{found.Count} villages are named \"{text}\" ({string.Join(", ", found.Select(p => p.Township))}); give the village code or the township")));
        return null;
    }

    private static string Plain(string text) => new(TextCleaner.Clean(text).Where(c => !char.IsWhiteSpace(c)).ToArray());

    private static LocalText Lower(LocalText where) => new(where.Zh, where.En.Length > 0 ? char.ToLowerInvariant(where.En[0]) + where.En[1..] : where.En);
}
