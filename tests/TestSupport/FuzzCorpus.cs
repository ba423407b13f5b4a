using Xunit;

namespace Kiosk.TestSupport;

/// <summary>
/// The committed inputs of one fuzz target: its seed corpus (<c>fuzz/seeds/TARGET</c>) and every crash or hang afl-fuzz
/// found (<c>fuzz/findings/TARGET</c>, kept by <c>./kiosk.sh fuzz</c>). The target's test project replays them all,
/// so a fixed finding stays fixed and a real message never stops being read.
/// </summary>
public static class FuzzCorpus
{
    public static string Folder => Repository.Path("fuzz");

    /// <summary>Paths relative to <c>fuzz/</c> ("seeds/mqtt/…", "findings/mqtt/crash-…"), one theory case each.</summary>
    public static TheoryData<string> Inputs(string target) => [.. Files(target)];

    /// <summary>Paths relative to <c>fuzz/</c>: the seeds, then the findings.</summary>
    public static IReadOnlyList<string> Files(string target)
    {
        var inputs = new List<string>();
        foreach (var kind in new[] { "seeds", "findings" })
        {
            var folder = Path.Combine(Folder, kind, target);
            if (!Directory.Exists(folder))
            {
                continue;
            }

            foreach (var file in Directory.GetFiles(folder).Order(StringComparer.Ordinal))
            {
                inputs.Add(Path.GetRelativePath(Folder, file).Replace('\\', '/'));
            }
        }

        return inputs;
    }

    public static byte[] Read(string input) => File.ReadAllBytes(Path.Combine(Folder, input));
}
