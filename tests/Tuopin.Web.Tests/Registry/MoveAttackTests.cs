using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Tuopin.Application.Exit;
using Tuopin.Application.Registry;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Exit;
using Tuopin.Domain.Registry;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Registry;

/// <summary>A household that moves takes its exit procedure, its papers and its reviews along: the old village loses them, the new one has them.</summary>
public sealed class MoveAttackTests
{
    private const string From = "三胡乡/黄柏园村";
    private const string To = "三胡乡/石桥村";
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.4\n% signed agreement\n%%EOF\n");

    [Theory, BothDatabases]
    public async Task AfterAMove_TheOldVillageCannotReadOrWriteTheProcedure_TheNewVillageCan(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(From);
        var today = county.Today;
        var oldOfficer = county.VillageOfficer(From);
        var proposed = await county.As<ProposeExits>(oldOfficer).HandleAsync(new ProposeExits.Request(county.Villages[From].Id, today.Year, today.AddDays(-5), [household], null));
        await county.As<RecordProcedureStep>(oldOfficer).HandleAsync(new RecordProcedureStep.Request(proposed.ProcedureIds, ProcedureStep.DemocraticReview, today.AddDays(-4), null));
        var timeline = (await county.As<GetHouseholdProcedure>(oldOfficer).HandleAsync(household)).Single();
        var step = timeline.Steps.Single(s => s.Step == ProcedureStep.DemocraticReview);
        var paper = await county.As<AttachFile>(oldOfficer).HandleAsync(new AttachFile.Request(step.Id, "评议记录.pdf", new MemoryStream(Pdf)));

        var version = (await county.As<GetHousehold>(county.Admin).HandleAsync(household)).Version;
        await county.As<RecordHouseholdEvent>(county.TownshipOfficer("三胡乡")).HandleAsync(new RecordHouseholdEvent.Request(
            household, version, HouseholdEventKind.MoveVillage, today.AddDays(-1), "随子女搬迁", VillageId: county.Villages[To].Id));

        await using var app = await RunningApp.StartAsync(county);
        var old = await app.ClientAsAsync(Role.VillageOfficer, From);
        var fresh = await app.ClientAsAsync(Role.VillageOfficer, To);

        Assert.Equal(HttpStatusCode.NotFound, (await old.GetAsync($"/api/v1/exit-procedures/households/{household}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await old.GetAsync($"/api/v1/attachments/{paper.Id}")).StatusCode);
        var oldStep = await old.PostAsJsonAsync("/api/v1/exit-procedures/steps", new { procedureIds = proposed.ProcedureIds, step = ProcedureStep.Verification, date = today }, RunningApp.Json);
        Assert.True(oldStep.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"old village recorded a step: {oldStep.StatusCode}");
        using (var upload = new MultipartFormDataContent { { new ByteArrayContent(Pdf), "file", "more.pdf" } })
            Assert.Equal(HttpStatusCode.NotFound, (await old.PostAsync($"/api/v1/exit-procedures/steps/{step.Id}/attachments", upload)).StatusCode);
        var oldBoard = await old.GetFromJsonAsync<JsonElement>($"/api/v1/exit-procedures?year={today.Year}");
        Assert.Empty(oldBoard.GetProperty("rows").EnumerateArray());

        var seen = await fresh.GetFromJsonAsync<JsonElement>($"/api/v1/exit-procedures/households/{household}");
        Assert.Equal(2, seen[0].GetProperty("steps").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, (await fresh.GetAsync($"/api/v1/attachments/{paper.Id}")).StatusCode);
        var next = await fresh.PostAsJsonAsync("/api/v1/exit-procedures/steps", new { procedureIds = proposed.ProcedureIds, step = ProcedureStep.Verification, date = today }, RunningApp.Json);
        Assert.Equal(HttpStatusCode.NoContent, next.StatusCode);
        var freshBoard = await fresh.GetFromJsonAsync<JsonElement>($"/api/v1/exit-procedures?year={today.Year}");
        Assert.Single(freshBoard.GetProperty("rows").EnumerateArray());
    }
}
