using System.Text.RegularExpressions;
using Kiosk.Screens.Configuration;
using Microsoft.Extensions.Options;

namespace Kiosk.Screens.Voice;

/// <summary>
/// Finds the WAV of a clip: the Puskesmas's own recording in the override folder wins over the generated default.
/// Names are checked against a strict pattern so a request can never leave the two folders.
/// </summary>
public sealed partial class ClipLibrary(IOptions<ScreensOptions> options, IHostEnvironment environment)
{
    private readonly string defaults = Path.GetFullPath(options.Value.ClipDirectory, environment.ContentRootPath);
    private readonly string overrides = Path.GetFullPath(options.Value.ClipOverrideDirectory, environment.ContentRootPath);

    public bool TryFind(string name, out string path)
    {
        path = Candidates(name).FirstOrDefault() ?? string.Empty;
        return path.Length > 0;
    }

    /// <summary>The files that exist for a clip, the Puskesmas's recording first; none for a name that is not a clip name.</summary>
    public IEnumerable<string> Candidates(string name)
    {
        if (!IsClipName(name))
        {
            yield break;
        }

        foreach (var folder in new[] { overrides, defaults })
        {
            var candidate = Path.Combine(folder, name + ".wav");
            if (File.Exists(candidate))
            {
                yield return candidate;
            }
        }
    }

    /// <summary>Lower-case letters, digits and dashes, at most 41 characters: never a path, never a separator.</summary>
    public static bool IsClipName(string name) => name is not null && ClipName().IsMatch(name);

    // \z, not $: "$" also matches before a final newline.
    [GeneratedRegex(@"^[a-z0-9][a-z0-9-]{0,40}\z", RegexOptions.CultureInvariant)]
    private static partial Regex ClipName();
}
