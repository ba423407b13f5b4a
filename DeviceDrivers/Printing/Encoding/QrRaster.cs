using Kiosk.DeviceDrivers.Printing.Imaging;
using QRCoder;

namespace Kiosk.DeviceDrivers.Printing.Encoding;

/// <summary>Draws a QR code (byte mode, the exact bytes given) into a 1-bit bitmap, for printers without GS ( k.</summary>
public static class QrRaster
{
    public static MonoBitmap Render(byte[] payload, int moduleSize, QrErrorCorrection errorCorrection, int maxWidthDots)
    {
        ArgumentNullException.ThrowIfNull(payload);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, ToQrCoder(errorCorrection));
        var matrix = data.ModuleMatrix;
        var size = matrix.Count * moduleSize;
        if (size > maxWidthDots)
        {
            throw new ArgumentException($"QR code is {size} dots wide at module size {moduleSize}; the paper prints {maxWidthDots}. Use a smaller module size.", nameof(moduleSize));
        }

        var bitmap = new MonoBitmap(size, size);
        for (var row = 0; row < matrix.Count; row++)
        {
            for (var column = 0; column < matrix[row].Length; column++)
            {
                if (!matrix[row][column])
                {
                    continue;
                }

                for (var dy = 0; dy < moduleSize; dy++)
                {
                    for (var dx = 0; dx < moduleSize; dx++)
                    {
                        bitmap[(column * moduleSize) + dx, (row * moduleSize) + dy] = true;
                    }
                }
            }
        }

        return bitmap;
    }

    internal static QRCodeGenerator.ECCLevel ToQrCoder(QrErrorCorrection level) => level switch
    {
        QrErrorCorrection.M => QRCodeGenerator.ECCLevel.M,
        QrErrorCorrection.Q => QRCodeGenerator.ECCLevel.Q,
        QrErrorCorrection.H => QRCodeGenerator.ECCLevel.H,
        _ => QRCodeGenerator.ECCLevel.L,
    };
}
