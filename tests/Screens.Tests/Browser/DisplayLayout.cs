using System.Text.Json;
using Microsoft.Playwright;

namespace Kiosk.Screens.Tests.Browser;

/// <summary>
/// Measures the display as drawn: every rendered box against the viewport, every clipped container, the computed font
/// sizes of what a patient must read, and which call numbers are on screen at one instant.
/// </summary>
internal static class DisplayLayout
{
    private const string Script = """
        () => {
          const h = innerHeight, w = innerWidth;
          const rendered = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
          const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.className && typeof e.className === 'string' ? '.' + e.className.trim().split(/\s+/).join('.') : '') + ' "' + (e.textContent || '').trim().slice(0, 30) + '"';
          // The running text moves through its strip by design; screen-reader-only text is a 1 px box on purpose.
          const exempt = (e) => e.closest('.sr-only') || e.id === 'teks-berjalan';
          const outside = [], clipped = [];
          for (const e of document.body.querySelectorAll('*')) {
            if (!rendered(e) || exempt(e) || e.tagName === 'SCRIPT') continue;
            const r = e.getBoundingClientRect();
            const scrollable = document.documentElement.scrollHeight;
            if (r.left < -0.5 || r.right > w + 0.5 || r.top + scrollY < -0.5 || r.bottom + scrollY > scrollable + 0.5) outside.push(name(e) + ' ' + JSON.stringify([r.left, r.top, r.right, r.bottom].map(Math.round)));
            else if (!matchMedia('(max-aspect-ratio: 1/1)').matches && (r.top < -0.5 || r.bottom > h + 0.5)) outside.push(name(e) + ' below ' + Math.round(r.bottom));
            if (e.classList.contains('teks-berjalan')) continue;
            if (e.scrollWidth > e.clientWidth + 1 && e.clientWidth > 0 || e.scrollHeight > e.clientHeight + 1 && e.clientHeight > 0 && getComputedStyle(e).overflowY !== 'visible') clipped.push(name(e) + ' ' + JSON.stringify([e.clientWidth, e.scrollWidth, e.clientHeight, e.scrollHeight]));
          }
          const size = (e) => parseFloat(getComputedStyle(e).fontSize);
          const read = [...document.querySelectorAll('#loket-daftar li span, #menunggu li span, #riwayat li:not(.tersembunyi) span, .teks-berjalan, .banner:not(.tersembunyi)')];
          const visibleCalls = [document.getElementById('nomor-utama'), ...document.querySelectorAll('#riwayat li:not(.tersembunyi) .nomor')]
            .filter((e) => rendered(e)).filter((e) => { const r = e.getBoundingClientRect(); return r.left >= 0 && r.right <= w && r.top >= -0.5 && r.bottom <= h + 0.5; })
            .map((e) => e.textContent);
          return JSON.stringify({
            width: w, height: h, outside, clipped,
            smallestRead: Math.min(...read.map(size)),
            smallestReadWhat: read.map((e) => [size(e), name(e)]).sort((a, b) => a[0] - b[0])[0]?.[1] ?? '',
            bigNumber: size(document.getElementById('nomor-utama')),
            rowSize: size(document.querySelector('#loket-daftar li span')),
            bannerSizes: [...document.querySelectorAll('.banner:not(.tersembunyi)')].map(size),
            counters: document.querySelectorAll('#loket-daftar li').length,
            services: document.querySelectorAll('#menunggu li').length,
            tiles: document.querySelectorAll('#riwayat li:not(.tersembunyi)').length,
            highlighted: document.querySelectorAll('#riwayat li.baru:not(.tersembunyi)').length,
            visibleCalls,
          });
        }
        """;

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static async Task<Measurement> MeasureAsync(IPage page) =>
        JsonSerializer.Deserialize<Measurement>(await page.EvaluateAsync<string>(Script), WebJson)!;

    internal sealed record Measurement(
        double Width,
        double Height,
        string[] Outside,
        string[] Clipped,
        double SmallestRead,
        string SmallestReadWhat,
        double BigNumber,
        double RowSize,
        double[] BannerSizes,
        int Counters,
        int Services,
        int Tiles,
        int Highlighted,
        string[] VisibleCalls);
}
