using Microsoft.AspNetCore.DataProtection;
using Tuopin.Application.Accounts;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;
using Tuopin.Web.Accounts;

namespace Tuopin.Web.Hosting;

public static class TuopinServices
{
    /// <summary>
    /// What the web app and the shell commands share: storage, personal-data protection, accounts and
    /// every use case. <paramref name="actor"/> fixes who acts (a shell's operator); without it the
    /// actor is whoever signed in to the request or circuit.
    /// </summary>
    public static IServiceCollection AddTuopinCore(this IServiceCollection services, TuopinSettings settings, Actor? actor = null)
    {
        services.AddSingleton(settings);
        services.AddSingleton(settings.Db);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPersonalDataProtector>(_ => new PersonalDataProtector(PersonalDataKey.Load(settings.PersonalDataKey, settings.KeyFile)));
        services.AddSingleton<TuopinDbFactory>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<IdProbes>();
        services.AddSingleton<Application.Audit.AccessLog>();
        services.AddScoped<ChangePassword>();
        services.AddSingleton(new Application.Exit.AttachmentStore(Path.Combine(settings.DataDirectory, "attachments")));
        if (actor is null)
        {
            services.AddScoped<ActorAccessor>();
            services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<ActorAccessor>());
        }
        else
        {
            services.AddSingleton<ICurrentActor>(new FixedActor(actor));
        }
        services.AddScoped<Database>();
        services.AddScoped<Application.Exit.ICountyEvaluationSource, Application.Exit.RecordedCountyEvaluation>();

        // Every use case is a class that takes the request's Database: register them all.
        foreach (var type in typeof(Database).Assembly.GetTypes().Where(IsUseCase))
            services.AddScoped(type);

        services.AddDataProtection()
            .SetApplicationName("tuopin")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")));
        services.AddIdentityCore<User>(AccountRules.Configure)
            .AddUserStore<TuopinUserStore>()
            .AddClaimsPrincipalFactory<TuopinClaimsFactory>();
        return services;
    }

    private static bool IsUseCase(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsPublic: true } &&
        type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Database)));
}
