using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Scalar.AspNetCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;
using Tuopin.Domain.Accounts;
using Tuopin.Web.Accounts;
using Tuopin.Web.Api;
using Tuopin.Web.Components;

namespace Tuopin.Web.Hosting;

/// <summary>The web application: UI, HTTP API and sign-in, over the shared core.</summary>
public static class WebApp
{
    public const string SmartScheme = "Tuopin.CookieOrBearer";

    public static class Policies
    {
        public const string RegistryRead = "registry.read";
        public const string RegistryWrite = "registry.write";
        public const string ManageUsers = "accounts.manage";
        public const string CountyPlanning = "plan.county";
        public const string ApiReference = "api.reference";
        public const string Rollup = "plan.rollup";

        /// <summary>Which roles each role-policy lets in: the one table the policies below and the tests that walk every page read.</summary>
        public static readonly IReadOnlyDictionary<string, Func<Role, bool>> Roles = new Dictionary<string, Func<Role, bool>>
        {
            // The county's records: every county role; the officials above the county (Permissions.IsRegional) read roll-ups only.
            [RegistryRead] = Permissions.CanReadRegistry,
            [Rollup] = Permissions.CanReadRollup,
            [RegistryWrite] = Permissions.CanWriteRegistry,
            [ManageUsers] = Permissions.CanManageUsers,
            [CountyPlanning] = Permissions.CanReadCountyPlanning,
            [ApiReference] = Permissions.CanReadApiReference,
        };

        /// <summary>Whether a page or endpoint under this policy (none: any signed-in user) lets the role in.</summary>
        public static bool Allows(string? policy, Role role) => policy is null || !Roles.TryGetValue(policy, out var allows) || allows(role);

        /// <summary>
        /// Whether the policy lets the actor in: by their role; for a granted regional official reading a county (ADR 0016), by the
        /// role they read it as (the inspector's), and their own roll-up by their own role.
        /// </summary>
        public static bool Allows(string? policy, Application.Accounts.Actor actor) =>
            actor.Reading is { } reading && policy == Rollup ? Permissions.CanReadRollup(reading.Role) : Allows(policy, actor.Role);

        /// <summary>
        /// The write rule every role-policy adds: an official above the county (<see cref="Application.Accounts.Actor.WritesNothing"/>),
        /// on their roll-up or reading a county, calls no endpoint with POST, PUT, PATCH or DELETE but those marked as changing no
        /// record (<see cref="Accounts.ChangesNoRecord"/>: a search, a what-if, choosing a county). The save guard refuses their
        /// writes again, should an endpoint be marked wrongly or a page call a use case directly.
        /// </summary>
        public static bool MayCall(Application.Accounts.Actor actor, object? resource) =>
            !actor.WritesNothing || resource is not HttpContext http
            || HttpMethods.IsGet(http.Request.Method) || HttpMethods.IsHead(http.Request.Method) || HttpMethods.IsOptions(http.Request.Method)
            || http.GetEndpoint()?.Metadata.GetMetadata<Accounts.ChangesNoRecord>() is not null;
    }

    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    /// <param name="args">Host arguments, such as --urls.</param>
    /// <param name="db">The --db value, which wins over configuration.</param>
    /// <param name="configuration">Extra configuration, applied before anything reads it (tests use it).</param>
    /// <param name="configure">Last changes to the services (tests use it).</param>
    public static WebApplication Build(string[] args, string? db = null, IReadOnlyDictionary<string, string?>? configuration = null, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            // Fixed, so that the static-asset manifests are found whichever process hosts the app (tests, tools).
            ApplicationName = typeof(WebApp).Assembly.GetName().Name,
        });
        if (configuration is not null) builder.Configuration.AddInMemoryCollection(configuration);
        // Serve the UI's static files (our own and Ant Design's) straight from a build's output, not only when published.
        builder.WebHost.UseStaticWebAssets();
        // Request lines carry query strings; at Information they would put search terms into logs.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        // The sign-in keys under ./data/keys sit beside the personal-data key, protected alike by the
        // folder's permissions (README); the framework's first-start notice about it would only alarm.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection.KeyManagement.XmlKeyManager", LogLevel.Error);
        var settings = TuopinSettings.From(builder.Configuration, db);
        builder.Services.AddTuopinCore(settings);
        configure?.Invoke(builder);

        var services = builder.Services;
        services.AddIdentityCore<User>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<TuopinClaimsFactory>();
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = SmartScheme;
                options.DefaultChallengeScheme = SmartScheme;
            })
            .AddPolicyScheme(SmartScheme, "Cookie or bearer token", options =>
                options.ForwardDefaultSelector = context =>
                    context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                        ? IdentityConstants.BearerScheme
                        : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, options => options.BearerTokenExpiration = TimeSpan.FromHours(8))
            .AddIdentityCookies();
        services.ConfigureApplicationCookie(options =>
        {
            // Secure whenever the request came over HTTPS (directly, or through a trusted proxy's X-Forwarded-Proto).
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/forbidden";
            options.Cookie.Name = "tuopin.auth";
            options.Cookie.HttpOnly = true;
            // Strict: the API accepts this cookie, so no other site may send it along.
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnRedirectToLogin = context => ApiAware(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAware(context, StatusCodes.Status403Forbidden);
        });
        var authorization = services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        foreach (var name in Policies.Roles.Keys)
            authorization.AddPolicy(name, p => p.RequireAuthenticatedUser().RequireAssertion(c =>
                TuopinClaims.ToActor(c.User) is { } actor && Policies.Allows(name, actor) && Policies.MayCall(actor, c.Resource)));
        // Identity renews a cookie's claims from the account every half hour: the county a regional official reads goes along.
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = CountyReadingCheck.KeepReadingAsync);
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, SessionRevalidation>();
        services.AddScoped<CircuitHandler, ActorCircuitHandler>();
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<ObjectionThrottle>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<Accounts.PersonNames>();
        services.AddAntiforgery(options =>
        {
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.HeaderName = CookieAntiforgery.HeaderName;
        });
        if (builder.Configuration.GetValue<bool>("Tuopin:BehindProxy"))
        {
            // Behind a reverse proxy that terminates HTTPS: take the client's address and scheme from the
            // proxy's headers, from the proxies configured (loopback by default) and no one else.
            services.Configure<ForwardedHeadersOptions>(options =>
            {
                options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
                options.ForwardLimit = 1;
                foreach (var proxy in (builder.Configuration["Tuopin:KnownProxies"] ?? "").Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries))
                    options.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            });
        }
        services.AddHttpContextAccessor();
        services.AddLocalization();
        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddAntDesign();
        services.AddScoped<UiText>();
        services.AddOpenApi(options =>
        {
            options.CreateSchemaReferenceId = OpenApiSchemaIds.Of;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Tuopin API";
                document.Info.Description = "[← 返回系统 / Back to the app](/)\n\n来凤县精准扶贫管理系统 HTTP API. Sign in with a cookie (the web UI) or a bearer token from POST /api/v1/auth/token.";
                return Task.CompletedTask;
            });
        });
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
            options.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        });
        services.AddProblemDetails();

        var app = builder.Build();
        if (app.Configuration.GetValue<bool>("Tuopin:BehindProxy")) app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("zh-CN"),
            SupportedCultures = Cultures,
            SupportedUICultures = Cultures,
            // The UI is Chinese unless the user switches (a cookie); programs calling the API may ask by header.
            RequestCultureProviders =
            [
                new CookieRequestCultureProvider(),
                new CustomRequestCultureProvider(async context =>
                    context.Request.Path.StartsWithSegments("/api")
                        ? await new AcceptLanguageHeaderRequestCultureProvider().DetermineProviderCultureResult(context)
                        : null),
            ],
        });
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            // A session of an account whose password, role or area changed, or that was disabled, ends here.
            if (!await context.RequestServices.GetRequiredService<AccountSessions>().IsCurrentAsync(context.User, context.RequestAborted))
            {
                await EndSessionAsync(context);
                return;
            }
            // The county a regional official reads on their grant: checked against the account and the county now, or dropped.
            context.User = await CountyReadingCheck.ApplyAsync(context.User, context.RequestServices.GetRequiredService<AccountSessions>(), context.RequestAborted);
            var accessor = context.RequestServices.GetRequiredService<ActorAccessor>();
            accessor.Client = PasswordSignIn.Client(context);
            accessor.Principal = context.User;
            // The officials above the county read roll-ups only: their home is the roll-up, also from a bookmark to "/"
            // (unless they read a county on their grant, whose overview is then their home).
            if (context.Request.Path == "/" && accessor.Actor is { } actor && LocalUrl.Home(actor.Role) is var home && home != "/")
            {
                context.Response.Redirect(home);
                return;
            }
            // A generated password is used once: the UI asks for the user's own before anything else, and the API answers nothing.
            if (context.User.HasClaim(TuopinClaims.MustChangePassword, "true"))
            {
                if (IsPage(context.Request.Path))
                {
                    context.Response.Redirect("/account/password");
                    return;
                }
                if ((context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/api/v1/auth")) || context.Request.Path.StartsWithSegments("/openapi"))
                {
                    await TypedResults.Problem(title: PasswordSignIn.MustChangeText.Current, statusCode: StatusCodes.Status403Forbidden).ExecuteAsync(context);
                    return;
                }
            }
            await next(context);
        });
        app.UseAuthorization();
        app.UseUploadLimits();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").RequireAuthorization(Policies.ApiReference);
        // The county's network may have no Internet: the reference uses its bundled script only (no CDN fonts, no
        // telemetry, no AI agent or MCP) and hides the buttons that open Scalar's own client or send test requests
        // (which would lack the API's antiforgery header). The document's description links back to the app.
        app.MapScalarApiReference("/api/reference", options => options
                .WithTitle("Tuopin API")
                .WithOpenApiRoutePattern("/openapi/{documentName}.json")
                .WithFavicon("/favicon.svg")
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideClientButton()
                .HideTestRequestButton()
                .HideDeveloperTools()
                .WithCustomCss(ApiReferenceCss))
            .RequireAuthorization(Policies.ApiReference);
        app.MapTuopinApi();
        app.MapAccountEndpoints();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
        return app;
    }

    /// <summary>The system's own fonts instead of the CDN's (Chinese text needs them anyway).</summary>
    private const string ApiReferenceCss = """
        .scalar-app, .light-mode, .dark-mode {
          --scalar-font: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "Helvetica Neue", Arial, sans-serif;
          --scalar-font-code: "SFMono-Regular", Consolas, "Liberation Mono", monospace;
        }
        """;

    private static async Task EndSessionAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/openapi")
            || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await context.SignOutAsync(IdentityConstants.ApplicationScheme);
            await TypedResults.Problem(
                title: new Domain.Common.LocalText("登录已失效（账号的密码、角色或状态已变更），请重新登录", "Your sign-in has ended (the account's password, role or state changed); sign in again").Current,
                statusCode: StatusCodes.Status401Unauthorized).ExecuteAsync(context);
            return;
        }
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        context.Response.Redirect("/login");
    }

    private static bool IsPage(PathString path) =>
        !path.StartsWithSegments("/account/password") && !path.StartsWithSegments("/api") && !path.StartsWithSegments("/openapi")
        && !path.StartsWithSegments("/logout") && !path.StartsWithSegments("/culture") && !path.StartsWithSegments("/_framework")
        && !path.StartsWithSegments("/_blazor") && !path.StartsWithSegments("/_content") && !Path.HasExtension(path.Value);

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> context, int status)
    {
        // The API reference is a page people open: like the app's pages, it sends them to sign in or to the 403 page.
        if ((context.Request.Path.StartsWithSegments("/api") && !context.Request.Path.StartsWithSegments("/api/reference")) || context.Request.Path.StartsWithSegments("/openapi"))
        {
            context.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
