using Tuopin.Application.Common;
using Tuopin.Domain.Common;

namespace Tuopin.Application.Projects;

internal static class ProjectInputs
{
    /// <summary>An amount in yuan as whole fen, or the problem named by its field.</summary>
    public static Money Yuan(decimal yuan, string field)
    {
        if (yuan < 0 || yuan != decimal.Round(yuan, 2) || yuan > 100_000_000_000m)
            throw new InvalidRequestException([new Problem(field, "project.amount", new LocalText($"金额须为不超过两位小数的非负数，填写的是 {yuan}", $"An amount is non-negative with at most two decimals: {yuan}"))]);
        return Money.FromYuan(yuan);
    }
}
