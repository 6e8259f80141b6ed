using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Credit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Funds;

namespace Tuopin.Application.Funds;

/// <summary>
/// Imports the county's allocations (.xlsx, .xls or .csv in UTF-8 or GB18030), one row an allocation: the source by its
/// document number (文号), the project by its code (项目编号). All or nothing: every fault named by its row and column, each
/// row checked against the source as the rows before it leave it (the rows of a source together never exceed it).
/// </summary>
public sealed class ImportAllocations(Database database)
{
    public const int MaxRows = 20_000;

    public sealed record Request(Stream Content, string FileName, string? Reason = null);

    public sealed record Result(int Rows, int Recorded, IReadOnlyList<SkippedRow> Skipped);

    public static readonly SheetColumn Source = new("资金文号", "source_document", true, "文号", "资金来源文号");
    public static readonly SheetColumn Project = new("项目编号", "project_code", true, "项目代码");
    public static readonly SheetColumn AllocatedOn = new("分配日期", "allocated_on", true, "日期", "下达日期");
    public static readonly SheetColumn Amount = new("分配金额", "amount", true, "金额");
    public static readonly SheetColumn Document = new("分配文号", "allocation_document", false, "下达文号");

    public static readonly IReadOnlyList<SheetColumn> Columns = [Source, Project, AllocatedOn, Amount, Document];

    public async Task<Result> HandleAsync(Request request, CancellationToken ct = default)
    {
        FundsAccess.RequireManager(database.Actor);
        var sheet = SheetImport.Read(request.Content, request.FileName, Columns, MaxRows);
        var problems = new List<Problem>();
        var rows = new List<(int Line, string Source, string Project, DateOnly On, decimal Amount, string? Document)>();
        foreach (var row in sheet.Rows)
        {
            var before = problems.Count;
            var source = sheet.Required(row, Source, problems);
            var project = sheet.Required(row, Project, problems);
            var on = ImportCells.Date(sheet, row, AllocatedOn, problems, required: true);
            var amount = ImportCells.Decimal(sheet, row, Amount, problems, required: true);
            if (amount is { } a && FundRules.CheckAmount(a) is { } bad) problems.Add(sheet.At(row.Line, Amount.Heading, bad.Code, bad.Message));
            var document = FundsAccess.Trim(row[Document]);
            if (document is { Length: > 100 }) problems.Add(sheet.At(row.Line, Document.Heading, "funds.document", new LocalText("文号不能超过100个字", "at most 100 characters")));
            if (problems.Count == before) rows.Add((row.Line, source!.Trim(), project!.Trim(), on!.Value, amount!.Value, document));
        }
        await using var db = database.Open();
        var docs = rows.Select(r => r.Source).Distinct().ToList();
        var codes = rows.Select(r => r.Project).Distinct().ToList();
        var sources = await db.FundSources.Where(s => docs.Contains(s.DocumentNumber)).ToDictionaryAsync(s => s.DocumentNumber, ct);
        var projects = await db.Projects.AsNoTracking().Where(p => codes.Contains(p.Code)).Select(p => new { p.Id, p.Code, p.CountyId }).ToDictionaryAsync(p => p.Code, ct);
        var now = database.Clock.GetUtcNow().UtcDateTime;
        var added = new List<FundAllocation>();
        foreach (var r in rows)
        {
            if (!sources.TryGetValue(r.Source, out var source))
            {
                problems.Add(sheet.At(r.Line, Source.Heading, "funds.source", new LocalText($"资金来源 {r.Source} 没有登记", $"the source {r.Source} is not registered")));
                continue;
            }
            if (!projects.TryGetValue(r.Project, out var project) || project.CountyId != source.CountyId)
            {
                problems.Add(sheet.At(r.Line, Project.Heading, "funds.project", new LocalText($"项目 {r.Project} 不在项目库中", $"the project {r.Project} is not in the library")));
                continue;
            }
            var amount = Money.FromYuan(r.Amount);
            if (FundRules.CheckAllocation(amount, source.Amount, source.Allocated, source.DocumentNumber) is { } over)
            {
                problems.Add(sheet.At(r.Line, Amount.Heading, over.Code, over.Message));
                continue;
            }
            source.Allocated += amount;
            source.UpdatedAt = now;
            added.Add(new FundAllocation
            {
                Id = Guid.CreateVersion7(), CountyId = source.CountyId, FundSourceId = source.Id, ProjectId = project.Id, AllocatedOn = r.On, Amount = amount, Disbursed = Money.Zero,
                DocumentNumber = r.Document, RecordedBy = database.Actor.UserName, Version = 1,
            });
        }
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        foreach (var source in sources.Values.Where(s => db.Entry(s).State == EntityState.Modified)) source.Version++;
        db.FundAllocations.AddRange(added);
        db.ChangeReason = request.Reason ?? $"导入资金分配表 {Path.GetFileName(request.FileName)}";
        await RecordDisbursement.SaveAsync(db, ct);
        return new Result(sheet.Rows.Count, added.Count, [.. sheet.Skipped]);
    }
}
