using Microsoft.Extensions.DependencyInjection;
using Tuopin.Application.Accounts;
using Tuopin.Application.Security;
using Tuopin.Application.Storage;
using Tuopin.Domain.Registry;

namespace Tuopin.Application;

public static class ApplicationServices
{
    /// <summary>
    /// The application's composition root: settings, storage, personal-data protection, sessions, the
    /// access log, stored files and every use case. <paramref name="actor"/> fixes who acts (a shell's
    /// operator, a test's official); without it the host registers its own <see cref="ICurrentActor"/>.
    /// Identity's user manager (needed by the account use cases) is the host's.
    /// </summary>
    public static IServiceCollection AddTuopinApplication(this IServiceCollection services, TuopinSettings settings, Actor? actor = null)
    {
        services.AddSingleton(settings);
        services.AddSingleton(settings.Db);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<IPersonalDataProtector>(_ => new PersonalDataProtector(PersonalDataKey.Load(settings.PersonalDataKey, settings.KeyFile)));
        services.AddSingleton(sp => new TuopinDbFactory(settings.Db, sp.GetRequiredService<IPersonalDataProtector>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IdProbes>(), settings.Replica, sp.GetService<IWalPositions>()));
        services.AddScoped<MigrateDatabase>();
        services.AddScoped<Demo.LoadDemo>();
        services.AddScoped<Backup.CopyDatabase>();
        services.AddScoped<Demo.LoadSyntheticCounties>();
        services.AddSingleton<AccountSessions>();
        services.AddSingleton<IdProbes>();
        services.AddSingleton<Audit.AccessLog>();
        services.AddScoped<ChangePassword>();
        services.AddSingleton(new Common.PdfConversion());
        services.AddSingleton(new Common.AttachmentStore(Path.Combine(settings.DataDirectory, "attachments")));
        if (actor is not null)
            services.AddSingleton<ICurrentActor>(new FixedActor(actor));
        services.AddScoped<Database>();
        services.AddScoped<Exit.ICountyEvaluationSource, Exit.RecordedCountyEvaluation>();

        // Every use case is a class that takes the request's Database: register them all.
        foreach (var type in typeof(Database).Assembly.GetTypes().Where(IsUseCase))
            services.AddScoped(type);
        return services;
    }

    private static bool IsUseCase(Type type) =>
        type is { IsClass: true, IsAbstract: false, IsPublic: true } &&
        type.GetConstructors().Any(c => c.GetParameters().Any(p => p.ParameterType == typeof(Database)));
}
