using Tuopin.Application.Accounts;
using Tuopin.Domain.Accounts;
using Tuopin.Web.Hosting;

namespace Tuopin.Web.Api;

/// <summary>/api/v1/accounts: officials' accounts, for the county administrator. Every change is audited; a changed account's sessions end.</summary>
public static class AccountsEndpoints
{
    public sealed record AccountCreate(string UserName, string? DisplayName, Role Role, string? Area, string? Password, Department? Department, Guid? UnitId = null);

    /// <summary>A change: what is left out stays; <c>unitId</c> names another unit, <c>removeUnit</c> clears it.</summary>
    public sealed record AccountChange(Role? Role, string? Area, Department? Department, string? DisplayName, string? Reason, Guid? UnitId = null, bool? RemoveUnit = null);

    public sealed record Why(string? Reason);

    public static RouteGroupBuilder MapAccountsEndpoints(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/accounts").WithTags("Accounts 账号").RequireAuthorization(WebApp.Policies.ManageUsers);

        group.MapGet("/", async (ListUsers list, CancellationToken ct) => TypedResults.Ok(await list.HandleAsync(ct)))
            .WithSummary("The county's accounts: role, area, department, unit (unitId, unitName), last sign-in, disabled or not");

        group.MapPost("/", async (AccountCreate body, CreateUser create, CancellationToken ct) =>
            {
                var created = await create.HandleAsync(new CreateUser.Request(body.UserName, body.DisplayName, body.Role, body.Area, body.Password, body.Department, body.UnitId), ct);
                return TypedResults.Created($"/api/v1/accounts/{created.UserId}", created);
            })
            .WithSummary("Create an account; without a password one is generated, returned once, and must be changed at the first sign-in; a unitId must fit the role and area");

        group.MapPut("/{user}", async (string user, AccountChange body, ChangeUserRole change, CancellationToken ct) =>
            {
                await change.HandleAsync(new ChangeUserRole.Request(user, body.Role, body.Area, body.Department, body.DisplayName, body.Reason, body.UnitId, body.RemoveUnit == true), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Change an account's role, area (code or name), department, unit (unitId, or removeUnit) or shown name (by login name or id); its sessions end");

        group.MapPost("/{user}/disable", async (string user, Why body, DisableUser disable, CancellationToken ct) =>
            {
                await disable.HandleAsync(new DisableUser.Request(user, body.Reason), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Disable an account: it cannot sign in, and its tokens and open pages end");

        group.MapPost("/{user}/enable", async (string user, Why body, EnableUser enable, CancellationToken ct) =>
            {
                await enable.HandleAsync(new EnableUser.Request(user, body.Reason), ct);
                return TypedResults.NoContent();
            })
            .WithSummary("Enable a disabled account");

        group.MapPost("/{user}/password-reset", async (string user, Why body, ResetPassword reset, CancellationToken ct) =>
                TypedResults.Ok(await reset.HandleAsync(new ResetPassword.Request(user, body.Reason), ct)))
            .WithSummary("A new generated password, returned once; it only lets its owner choose their own; the account's sessions end");
        return api;
    }
}
