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
        path = string.Empty;
        if (!ClipName().IsMatch(name))
        {
            return false;
        }

        foreach (var folder in new[] { overrides, defaults })
        {
            var candidate = Path.Combine(folder, name + ".wav");
            if (File.Exists(candidate))
            {
                path = candidate;
                return true;
            }
        }

        return false;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex ClipName();
}
