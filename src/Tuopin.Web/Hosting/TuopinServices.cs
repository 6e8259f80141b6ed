using Microsoft.AspNetCore.DataProtection;
using Tuopin.Application;
using Tuopin.Application.Accounts;
using Tuopin.Application.Storage;
using Tuopin.Web.Accounts;

namespace Tuopin.Web.Hosting;

public static class TuopinServices
{
    /// <summary>
    /// What the web app and the shell commands share: the application (<see cref="ApplicationServices.AddTuopinApplication"/>)
    /// and the web's parts of it: data protection and Identity over the accounts. <paramref name="actor"/> fixes
    /// who acts (a shell's operator); without it the actor is whoever signed in to the request or circuit.
    /// </summary>
    public static IServiceCollection AddTuopinCore(this IServiceCollection services, TuopinSettings settings, Actor? actor = null)
    {
        services.AddTuopinApplication(settings, actor);
        if (actor is null)
        {
            services.AddScoped<ActorAccessor>();
            services.AddScoped<ICurrentActor>(sp => sp.GetRequiredService<ActorAccessor>());
        }

        services.AddDataProtection()
            .SetApplicationName("tuopin")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(settings.DataDirectory, "keys")));
        services.AddIdentityCore<User>(AccountRules.Configure)
            .AddUserStore<TuopinUserStore>()
            .AddClaimsPrincipalFactory<TuopinClaimsFactory>();
        return services;
    }
}
