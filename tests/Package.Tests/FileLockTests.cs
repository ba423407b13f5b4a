using Kiosk.Package.Tests.Support;

namespace Kiosk.Package.Tests;

/// <summary>The lock that keeps two test projects from building the packages or the VM image into one folder at once.</summary>
public sealed class FileLockTests
{
    [Fact]
    public void A_held_lock_makes_another_wait_out_its_timeout_and_is_free_once_released()
    {
        var path = Path.Combine(Path.GetTempPath(), $"kiosk-lock-test-{Guid.NewGuid():N}");
        try
        {
            using (Packages.AcquireFileLock(path, TimeSpan.FromSeconds(30)))
            {
                Assert.Throws<TimeoutException>(() => Packages.AcquireFileLock(path, TimeSpan.FromSeconds(1)).Dispose());
            }

            using (Packages.AcquireFileLock(path, TimeSpan.FromSeconds(30)))
            {
                Assert.True(File.Exists(path));
            }
        }
        finally
        {
            File.Delete(path);
        }
    }
}
