using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Common;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>
/// A village's 公示名单 for a year, to be posted in the village: the households proposed for exit that year
/// (<see cref="PublicListKind.Exit"/>: on an exit procedure of the year, not withdrawn, with the notice dates
/// when every procedure has the same ones) or registered that year (<see cref="PublicListKind.Registration"/>:
/// 识别年度 the year, not removed). It is public, so resident IDs are always masked (only the address code
/// shows), for every role including the administrator, and no phone is printed. Area and audit as for the
/// registration form.
/// </summary>
public sealed class PrintPublicList(Database database, Audit.AccessLog log, PdfConversion pdf)
{
    public sealed record Request(Guid VillageId, int Year, PublicListKind Kind = PublicListKind.Exit, PaperFormat Format = PaperFormat.Docx);

    public sealed record Row(string Number, string Head, string ResidentId, int Size, string Attribute, string MainCause);

    public sealed record Model(
        PublicListKind Kind, int Year, HouseholdPapers.Place Place, IReadOnlyList<Row> Rows,
        DateOnly? NoticeFrom, DateOnly? NoticeTo, DateTimeOffset GeneratedAt, string GeneratedBy)
    {
        public string Title => $"{Place.Township}{Place.Village}{Year}年{(Kind == PublicListKind.Exit ? "拟退出贫困户" : "新识别贫困户")}公示";

        public int People => Rows.Sum(r => r.Size);
    }

    public async Task<HouseholdPapers.PaperFile> HandleAsync(Request request, CancellationToken ct = default)
    {
        if (request.Year is < 2000 or > 2100)
            throw new InvalidRequestException([new Problem("year", "papers.year", new LocalText($"年度应为四位数年份，填写的是 {request.Year}", $"The year must be a four-digit year, not {request.Year}"))]);
        var model = await BuildAsync(request, ct);
        var docx = PublicListDocument.Write(model);
        var stem = $"{model.Place.Township}{model.Place.Village}-{model.Year}年{(model.Kind == PublicListKind.Exit ? "拟退出贫困户" : "新识别贫困户")}公示名单";
        await log.ExportAsync(database.Actor, "PublicList", request.VillageId,
            new { year = request.Year, kind = request.Kind.ToString().ToLowerInvariant(), households = model.Rows.Count, masked = true, format = request.Format.ToString().ToLowerInvariant(), file = stem },
            "打印公示名单", ct);
        return await HouseholdPapers.FileAsync(docx, stem, request.Format, model.Rows.Count, masked: true, pdf, ct);
    }

    public async Task<Model> BuildAsync(Request request, CancellationToken ct = default)
    {
        await using var db = database.Open();
        var place = await HouseholdPapers.VillageAsync(db, request.VillageId, ct);
        var (villageId, year) = (place.VillageId, request.Year);
        IQueryable<Household> selected;
        DateOnly? from = null, to = null;
        if (request.Kind == PublicListKind.Exit)
        {
            var procedures = await db.ExitProcedures.AsNoTracking().Where(p => p.VillageId == villageId && p.Year == year && !p.Withdrawn)
                .Select(p => new { p.HouseholdId, p.NoticeEndsOn, Posted = p.Steps.Where(s => s.Step == ProcedureStep.PublicNotice).Select(s => (DateOnly?)s.Date).FirstOrDefault() })
                .ToListAsync(ct);
            var ids = procedures.Select(p => p.HouseholdId).ToList();
            selected = db.Households.Where(h => ids.Contains(h.Id));
            // The notice dates are printed only when the whole list was posted on the same days.
            if (procedures.Count > 0 && procedures.Select(p => (p.Posted, p.NoticeEndsOn)).Distinct().Count() == 1 && procedures[0].Posted is not null)
                (from, to) = (procedures[0].Posted, procedures[0].NoticeEndsOn);
        }
        else
            selected = db.Households.Where(h => h.VillageId == villageId && h.RegistrationYear == year && h.Status != HouseholdStatus.Removed && h.ClosedOn == null);

        var households = await selected.AsNoTracking().OrderBy(h => h.Number)
            .Select(h => new { h.Id, h.Number, h.Size, h.Attribute, h.MainCause }).ToListAsync(ct);
        var ids2 = households.Select(h => h.Id).ToList();
        var heads = (await db.Members.AsNoTracking().Where(m => ids2.Contains(m.HouseholdId) && m.Relation == Relation.Head && m.Status == MemberStatus.Present)
            .Select(m => new { m.HouseholdId, m.Name, m.ResidentIdCipher }).ToListAsync(ct)).ToLookup(m => m.HouseholdId);
        var protector = database.Protector;
        var rows = households.Select(h =>
        {
            var head = heads[h.Id].FirstOrDefault();
            return new Row(h.Number, head?.Name ?? string.Empty, head is null ? string.Empty : Masking.ResidentId(protector.Unprotect(head.ResidentIdCipher)),
                h.Size, Codes.Attributes[h.Attribute].Zh, Codes.Causes[h.MainCause].Zh);
        }).ToList();
        return new Model(request.Kind, year, place, rows, from, to, database.Clock.GetLocalNow(), database.Actor.ShownName);
    }
}

/// <summary>Which 公示名单: households proposed for exit in the year, or registered in the year.</summary>
public enum PublicListKind { Exit, Registration }
