using Tuopin.Application.Common;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Registry;

/// <summary>
/// Prints the 贫困户登记表 of one household or of a whole village (one household a page) as .docx or, where
/// LibreOffice is installed, PDF. Any role that reads the registry may print within its area (the same rule
/// as reading a household: the form shows nothing the household page does not); full resident IDs and phones
/// only for roles that see them on the household page, masked for the others. Every print is an export entry
/// of the audit (who, what, how many, masked or not).
/// </summary>
public sealed class PrintRegistrationForm(Database database, Audit.AccessLog log, PdfConversion pdf)
{
    public sealed record Request(Guid? HouseholdId, Guid? VillageId, PaperFormat Format = PaperFormat.Docx);

    public async Task<HouseholdPapers.PaperFile> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        var full = actor.CanSeePersonalData;
        List<HouseholdPapers.Paper> papers;
        HouseholdPapers.Place? village;
        await using (var db = database.Open())
        {
            (var selected, village) = await HouseholdPapers.SelectAsync(db, request.HouseholdId, request.VillageId, ct);
            var year = await WorkYear.GetAsync(db, database.Clock, ct);
            papers = await HouseholdPapers.Load(db, selected, full, year, ct);
        }
        if (papers.Count == 0) throw HouseholdPapers.NothingToPrint();
        var docx = RegistrationFormDocument.Write(papers, database.Clock.GetLocalNow(), actor.ShownName, masked: !full);
        var stem = (village is { } v ? v.Township + v.Village : papers[0].Number) + "-贫困户登记表";
        await log.ExportAsync(actor, "RegistrationForm", request.HouseholdId ?? request.VillageId!.Value,
            new { households = papers.Count, masked = !full, format = request.Format.ToString().ToLowerInvariant(), file = stem }, "打印贫困户登记表", ct);
        return await HouseholdPapers.FileAsync(docx, stem, request.Format, papers.Count, !full, pdf, ct);
    }
}
