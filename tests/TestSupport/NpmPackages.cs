using System.Text.Json;
using Xunit;

namespace Kiosk.TestSupport;

/// <summary>
/// Node and npm packages for the tests that check us against another implementation (the AsyncAPI project's parser,
/// npm <c>lz-string</c>). Each package is installed once into the user's cache, outside the repository: a fresh folder
/// renamed into place, so a run that stops halfway, or two at once, never leave a half install.
/// </summary>
/// <remarks>
/// Returns why a package is unavailable rather than skipping itself: this library is not a test project, and the
/// caller turns the reason into its own skip.
/// </remarks>
public static class NpmPackages
{
    private static readonly TimeSpan InstallLimit = TimeSpan.FromMinutes(5);

    /// <summary>What npm prints when it cannot reach the registry: then the test is skipped, never passed.</summary>
    private static readonly string[] OfflineSigns = ["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "ENETUNREACH", "EHOSTUNREACH", "network"];

    /// <summary>The <c>node</c> program, or null when node or npm is not installed.</summary>
    public static string? Node() => OnPath("npm") is null ? null : OnPath("node");

    /// <summary>
    /// The folder whose <c>node_modules</c> holds <paramref name="package"/> at <paramref name="version"/>, installed on
    /// first use; or why it cannot be had here (no npm, no registry).
    /// </summary>
    public static async Task<NpmInstall> InstalledAsync(string package, string version)
    {
        ArgumentException.ThrowIfNullOrEmpty(package);
        if (OnPath("npm") is not { } npm)
        {
            return NpmInstall.Unavailable($"npm is needed for {package} (./kiosk.sh test installs nodejs and npm).");
        }

        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        var home = Path.Combine(cache, "puskesmas-kiosk", "npm-" + package.TrimStart('@').Replace('/', '-'));
        var folder = Path.Combine(home, version);
        if (IsInstalled(folder, package, version))
        {
            return NpmInstall.At(folder);
        }

        var staging = Path.Combine(home, $"{version}.installing-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            var start = ChildProcess.StartInfo(npm);
            // No install scripts: none of the packages needs one, and a dependency of the parser would report home on install.
            foreach (var argument in new[] { "install", "--prefix", staging, "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error", $"{package}@{version}" })
            {
                start.ArgumentList.Add(argument);
            }

            await using var install = ChildProcess.Start(start, $"npm install {package}", closeInput: true);
            int exit;
            try
            {
                exit = await install.WaitForExitAsync(InstallLimit).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                return NpmInstall.Unavailable($"npm install {package}@{version} did not finish within {InstallLimit.TotalMinutes:0} min (no network?).");
            }

            var said = install.Output;
            if (exit != 0 && OfflineSigns.Any(s => said.Contains(s, StringComparison.OrdinalIgnoreCase)))
            {
                return NpmInstall.Unavailable($"npm could not reach its registry to install {package}@{version}:\n{said}");
            }

            Assert.True(exit == 0 && IsInstalled(staging, package, version), $"npm install {package}@{version} exited {exit}:\n{said}");
            try
            {
                Directory.Move(staging, folder);
            }
            catch (IOException) when (IsInstalled(folder, package, version))
            {
                // Another run installed it first; use that one.
            }

            return NpmInstall.At(folder);
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static bool IsInstalled(string folder, string package, string version)
    {
        var manifestPath = Path.Combine([folder, "node_modules", .. package.Split('/'), "package.json"]);
        if (!File.Exists(manifestPath))
        {
            return false;
        }

        using var manifest = JsonDocument.Parse(File.ReadAllText(manifestPath));
        return manifest.RootElement.TryGetProperty("version", out var installed) && installed.GetString() == version;
    }

    private static string? OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(File.Exists);
}
