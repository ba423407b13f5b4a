using System.Diagnostics;
using System.Net.Http;
using System.Security.Cryptography;
using Kiosk.Package.Tests.Support;

namespace Kiosk.Vm.Tests.Support;

/// <summary>
/// The virtual Pi's disk, kernel and initramfs (image/build-image.sh), built once and cached outside the clone in
/// ${XDG_CACHE_HOME:-~/.cache}/puskesmas-kiosk/vm-&lt;hash of the recipe&gt;, under a lock so two runs never build it
/// at once. A missing facility (qemu, debootstrap, the Debian mirror) is returned as a reason to skip.
/// </summary>
internal sealed record VmImage(string Folder)
{
    private static readonly Lazy<(VmImage? Image, string? Missing)> Cached = new(Prepare);

    public string Disk => Path.Combine(Folder, "disk.qcow2");

    public string Kernel => Path.Combine(Folder, "vmlinuz");

    public string Initrd => Path.Combine(Folder, "initrd.img");

    public string SshKey => Path.Combine(Folder, "id_ed25519");

    /// <summary>The image, or why it cannot exist on this machine.</summary>
    public static (VmImage? Image, string? Missing) Get() => Cached.Value;

    private static (VmImage? Image, string? Missing) Prepare()
    {
        foreach (var tool in new[] { "/usr/bin/qemu-system-x86_64", "/usr/bin/qemu-img", "/usr/sbin/debootstrap", "/usr/bin/ssh" })
        {
            if (!File.Exists(tool))
            {
                return (null, $"{tool} is missing (Debian packages qemu-system-x86, qemu-utils, debootstrap, openssh-client)");
            }
        }

        if (Environment.UserName != "root")
        {
            return (null, "building the VM image needs root (debootstrap, chroot, mount): run the tests as root");
        }

        var recipe = Path.Combine(AppContext.BaseDirectory, "image", "build-image.sh");
        var key = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(recipe)))[..16];
        var cacheRoot = Path.Combine(Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg ? xdg : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache"), "puskesmas-kiosk");
        Directory.CreateDirectory(cacheRoot);
        var image = new VmImage(Path.Combine(cacheRoot, $"vm-{key}"));
        using (Packages.AcquireFileLock(Path.Combine(cacheRoot, "vm-image.lock"), TimeSpan.FromMinutes(25)))
        {
            if (File.Exists(image.Disk) && File.Exists(image.Kernel) && File.Exists(image.SshKey))
            {
                return (image, null);
            }

            if (!MirrorReachable(out var why))
            {
                return (null, $"the Debian mirror is unreachable ({why}): the VM image cannot be built");
            }

            try
            {
                Packages.Run("bash", [recipe, image.Folder], TimeSpan.FromMinutes(20));
            }
            catch (InvalidOperationException ex) when (ex.Message.Contains(MirrorFailed, StringComparison.Ordinal))
            {
                // The mirror answered the probe but debootstrap failed three times against it: the network, not the recipe.
                return (null, $"the Debian mirror failed while the VM image was built: {ex.Message}");
            }
        }

        return (image, null);
    }

    /// <summary>How <see cref="Packages.Run"/> reports build-image.sh's exit code 75: debootstrap failed three times against the mirror.</summary>
    private const string MirrorFailed = "exited 75:";

    private static bool MirrorReachable(out string why)
    {
        var mirror = Environment.GetEnvironmentVariable("KIOSK_VM_MIRROR") is { Length: > 0 } m ? m : "http://deb.debian.org/debian";
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            using var response = http.Send(new HttpRequestMessage(HttpMethod.Head, $"{mirror}/dists/bookworm/Release"));
            why = $"{mirror}: HTTP {(int)response.StatusCode}";
            return response.IsSuccessStatusCode;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            why = $"{mirror}: {ex.Message}";
            return false;
        }
    }
}
