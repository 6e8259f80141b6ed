using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Exit;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Domain.Exit;
using Tuopin.Testing;

namespace Tuopin.Web.Tests.Security;

/// <summary>The same request sent many times at once (a double click, a retrying client): one is stored, the others get a clear answer, never a 500.</summary>
public sealed class RaceTests
{
    private const string Village = "三胡乡/黄柏园村";

    [Theory, BothDatabases]
    public async Task IdenticalProposalsAndSteps_SentAtOnce_StoreOne_AndAnswerTheRestWith409Or400(DbProvider provider)
    {
        await using var county = await TestCounty.CreateAsync(provider);
        var household = await county.AddHouseholdAsync(Village);
        var stepped = await county.AddHouseholdAsync(Village);
        var today = county.Today;
        var proposed = await county.As<ProposeExits>(county.VillageOfficer(Village)).HandleAsync(
            new ProposeExits.Request(county.Villages[Village].Id, today.Year, today.AddDays(-3), [stepped], null));
        await using var app = await RunningApp.StartAsync(county);
        var client = await app.ClientAsAsync(Role.VillageOfficer, Village);

        var proposals = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsJsonAsync("/api/v1/exit-procedures/proposals",
            new { villageId = county.Villages[Village].Id, year = today.Year, date = today.AddDays(-1), householdIds = new[] { household } }, RunningApp.Json)));
        var steps = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => client.PostAsJsonAsync("/api/v1/exit-procedures/steps",
            new { procedureIds = proposed.ProcedureIds, step = ProcedureStep.DemocraticReview, date = today.AddDays(-2) }, RunningApp.Json)));

        foreach (var (answers, success) in new[] { (proposals, HttpStatusCode.OK), (steps, HttpStatusCode.NoContent) })
        {
            var codes = answers.Select(r => r.StatusCode).ToList();
            Assert.Equal(1, codes.Count(c => c == success));
            Assert.All(codes.Where(c => c != success), c => Assert.True(c is HttpStatusCode.Conflict or HttpStatusCode.BadRequest, $"answered {c}"));
            foreach (var refused in answers.Where(r => r.StatusCode != success))
                Assert.False(string.IsNullOrWhiteSpace((await refused.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("title").GetString()));
        }
        Assert.Equal(1, await county.QueryAsync(db => db.ExitProcedures.CountAsync(p => p.HouseholdId == household)));
        Assert.Equal(1, await county.QueryAsync(db => db.ProcedureSteps.CountAsync(s => s.HouseholdId == stepped && s.Step == ProcedureStep.DemocraticReview)));
        Assert.DoesNotContain(app.Logs.Messages, m => m.StartsWith("Error", StringComparison.Ordinal) || m.StartsWith("Critical", StringComparison.Ordinal));
    }
}
