using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;
using Tuopin.Application.Demo;
using Tuopin.Application.Storage;

namespace Tuopin.Web.Hosting;

/// <summary>What happens before the first request: schema, optional demo data, the first administrator.</summary>
public static class Bootstrap
{
    public static async Task PrepareAsync(IServiceProvider services, bool demo, TextWriter output, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<TuopinDbFactory>();
        await output.WriteLineAsync($"数据库：{factory.Target.Display}");
        await new MigrateDatabase(factory).HandleAsync(ct);
        if (demo)
        {
            await using var db = factory.CreateForOperator("演示数据");
            if (await db.Counties.AnyAsync(ct) || await db.Households.AnyAsync(ct))
            {
                await output.WriteLineAsync("数据库中已有数据，不再载入演示数据。");
            }
            else
            {
                await output.WriteLineAsync("正在载入来凤县演示数据（示意数据，人员均为虚构）……");
                var result = await LoadDemo.EverythingAsync(factory, LoadDemo.DefaultSeed, ct);
                await output.WriteLineAsync($"已载入 {result.Households:N0} 户、{result.People:N0} 人，用时 {result.Elapsed.TotalSeconds:F1} 秒。");
            }
            // The county's plan, once its places are there (also for a demo database made before plans existed).
            if (await Application.Plan.LoadPlan.EnsureBuiltInAsync(db, ct) is { Unchanged: false } plan)
                await output.WriteLineAsync($"已载入{plan.County}的减贫方案（第{plan.Version}版）。");
            // The load's objects are garbage once it ends, but the collector keeps the memory it grew to for them (measured
            // after serve --demo: 53 MB of live objects in 318 MB committed, 650 MB resident; bench/README.md). Hand it back
            // to the system once, before serving.
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        }
        await using var scope = services.CreateAsyncScope();
        var created = await EnsureAdministrator.RunAsync(factory, scope.ServiceProvider.GetRequiredService<UserManager<User>>(), ct);
        if (created is not null)
        {
            await output.WriteLineAsync("");
            await output.WriteLineAsync("首次启动，已创建县级管理员账号（只显示这一次）：");
            await output.WriteLineAsync($"  登录名：{created.UserName}");
            await output.WriteLineAsync($"  密码：  {created.Password}");
            await output.WriteLineAsync("请登录后在“账号”页修改密码，并用 tuopin users add 为乡镇、村创建账号。");
            await output.WriteLineAsync("");
        }
        // After the administrator: an account made first would keep the first start from making the administrator.
        if (demo && await CreateDemoAccounts.RunAsync(factory, scope.ServiceProvider.GetRequiredService<UserManager<User>>(), ct) is { } discipline)
            await output.WriteLineAsync($"演示：执纪问责组（县纪委）账号 {discipline.UserName}，密码 {discipline.Password}（只显示这一次，首次登录须修改）。");
    }
}
