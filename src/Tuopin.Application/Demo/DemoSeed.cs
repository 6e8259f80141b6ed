namespace Tuopin.Application.Demo;

/// <summary>
/// A seed for one part of the demo's story (a village's conditions, the watch, the courses), from the data set's seed
/// and a name, the same in every process. <c>HashCode.Combine</c> and <c>string.GetHashCode</c> are randomised per
/// process in .NET, so a seed made with them gives another demo on every run.
/// </summary>
internal static class DemoSeed
{
    /// <summary>FNV-1a (32-bit) over the seed's four bytes and the name's UTF-16 code units.</summary>
    public static int Of(int seed, string name)
    {
        var hash = 2166136261u;
        for (var i = 0; i < 4; i++) hash = Mix(hash, (uint)(seed >> (8 * i)) & 0xFF);
        foreach (var c in name)
        {
            hash = Mix(hash, c & 0xFFu);
            hash = Mix(hash, (uint)c >> 8);
        }
        return unchecked((int)hash);
    }

    private static uint Mix(uint hash, uint octet) => unchecked((hash ^ octet) * 16777619u);
}
