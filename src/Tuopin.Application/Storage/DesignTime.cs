using Microsoft.EntityFrameworkCore;
using Tuopin.Application.Accounts;

namespace Tuopin.Application.Storage;

/// <summary>The context the migration tools build the model from: the operator's, without filters.</summary>
public static class DesignTime
{
    public static TuopinDb Create(DbTarget target)
    {
        var builder = new DbContextOptionsBuilder<TuopinDb>();
        target.Configure(builder);
        return new TuopinDb(builder.Options) { Actor = Actor.Operator("migrations") };
    }
}
