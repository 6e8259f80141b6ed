using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Adds a member to a household.</summary>
public sealed class AddMember(Database database)
{
    public sealed record Request(Guid HouseholdId, int Version, MemberFields Member, string? Reason = null);

    public sealed record Response(Guid MemberId, int Version);

    public async Task<Response> HandleAsync(Request request, CancellationToken ct = default)
    {
        RegistryMapping.RequireWriter(database.Actor);
        await using var db = database.Open();
        var household = await RegistryMapping.HouseholdForChangeAsync(db, request.HouseholdId, request.Version, ct, withMembers: true);
        var today = database.Clock.Today();
        var problems = new List<Problem>();
        var member = new Member { Id = Guid.CreateVersion7(), Name = string.Empty, ResidentIdCipher = string.Empty, ResidentIdIndex = string.Empty };
        household.Adopt(member);
        if (RegistryMapping.CheckMember(string.Empty, member, request.Member, today, problems) is { } id)
        {
            member.ResidentIdCipher = database.Protector.Protect(id.Value);
            member.ResidentIdIndex = database.Protector.Index(id.Value);
            await RegistryChecks.CheckIdsFreeAsync(db, [member], Guid.Empty, problems, ct);
        }
        if (RegistryRules.CheckHead([.. household.Members, member]) is { } head)
            problems.Add(head with { Field = "relation" });
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        db.Members.Add(member);
        if (!household.Members.Contains(member)) household.Members.Add(member);
        var sizeBefore = household.Size;
        household.CountMembers();
        if (household.Size != sizeBefore) await HouseholdEvents.AppendCorrectionAsync(db, household, request.Reason, ct);
        db.ChangeReason = request.Reason;
        await RegistryMapping.SaveAsync(db, household.Id, ct);
        return new Response(member.Id, household.Version);
    }
}
