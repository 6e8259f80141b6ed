using Tuopin.Application.Common;
using Tuopin.Application.Storage;

namespace Tuopin.Application.Registry;

/// <summary>
/// Prints the 明白卡 of one household or of a whole village (one card a page), as .docx or PDF. The card hangs
/// in the household's home, so it shows no resident ID and the phone masked, for every role. It holds what the
/// records hold today: the household, its members, its income with the transfer incomes (benefits) recorded,
/// its status and exit year, and its events. The assistance work (帮扶责任人, 帮扶措施) is not recorded yet:
/// the card says so in its own section instead of printing anything there. Area and audit as for the
/// registration form.
/// </summary>
public sealed class PrintHouseholdCard(Database database, Audit.AccessLog log, PdfConversion pdf)
{
    public sealed record Request(Guid? HouseholdId, Guid? VillageId, PaperFormat Format = PaperFormat.Docx);

    public async Task<HouseholdPapers.PaperFile> HandleAsync(Request request, CancellationToken ct = default)
    {
        var actor = database.Actor;
        List<HouseholdPapers.Paper> papers;
        HouseholdPapers.Place? village;
        await using (var db = database.Open())
        {
            (var selected, village) = await HouseholdPapers.SelectAsync(db, request.HouseholdId, request.VillageId, ct);
            var year = await WorkYear.GetAsync(db, database.Clock, ct);
            papers = await HouseholdPapers.Load(db, selected, full: false, year, ct);
        }
        if (papers.Count == 0) throw HouseholdPapers.NothingToPrint();
        var docx = HouseholdCardDocument.Write(papers, database.Clock.GetLocalNow(), actor.ShownName);
        var stem = (village is { } v ? v.Township + v.Village : papers[0].Number) + "-明白卡";
        await log.ExportAsync(actor, "HouseholdCard", request.HouseholdId ?? request.VillageId!.Value,
            new { households = papers.Count, masked = true, format = request.Format.ToString().ToLowerInvariant(), file = stem }, "打印明白卡", ct);
        return await HouseholdPapers.FileAsync(docx, stem, request.Format, papers.Count, masked: true, pdf, ct);
    }
}
