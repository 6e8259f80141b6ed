using Tuopin.Application.Common;
using Tuopin.Application.Storage;
using Tuopin.Domain.Common;
using Tuopin.Domain.Registry;

namespace Tuopin.Application.Registry;

/// <summary>Corrects or updates a member's fields.</summary>
public sealed class UpdateMember(Database database)
{
    public sealed record Request(Guid HouseholdId, Guid MemberId, int Version, MemberFields Member, string? Reason = null);

    public async Task<int> HandleAsync(Request request, CancellationToken ct = default)
    {
        RegistryMapping.RequireWriter(database.Actor);
        await using var db = database.Open();
        var household = await RegistryMapping.HouseholdForChangeAsync(db, request.HouseholdId, request.Version, ct, withMembers: true);
        var member = household.Members.FirstOrDefault(m => m.Id == request.MemberId)
            ?? throw new NotFoundException(new LocalText("该户没有这名成员", "The household has no such member"));
        var today = database.Clock.Today();
        var problems = new List<Problem>();
        var id = RegistryMapping.CheckMember(string.Empty, member, request.Member, today, problems);
        if (id is { } valid)
        {
            var index = database.Protector.Index(valid.Value);
            if (index != member.ResidentIdIndex)
            {
                member.ResidentIdCipher = database.Protector.Protect(valid.Value);
                member.ResidentIdIndex = index;
                await RegistryChecks.CheckIdsFreeAsync(db, [member], member.Id, problems, ct);
            }
        }
        if (RegistryRules.CheckHead(household.Members) is { } head)
            problems.Add(head with { Field = "relation" });
        if (problems.Count > 0) throw new InvalidRequestException(problems);
        var sizeBefore = household.Size;
        household.CountMembers();
        if (household.Size != sizeBefore) await HouseholdEvents.AppendCorrectionAsync(db, household, request.Reason, ct);
        db.ChangeReason = request.Reason;
        await RegistryMapping.SaveAsync(db, household.Id, ct);
        return household.Version;
    }
}
