/* Small helpers of the label model declared in label.h. */
#include "protocol/label/label.h"

int label_mm_to_dots(double mm, int dpi)
{
    double dots = mm * (double)dpi / 25.4;
    return (int)(dots < 0 ? dots - 0.5 : dots + 0.5);
}

int label_barcode_module_dots(const label_barcode *bc, int dpi)
{
    int m;
    if (bc->module_mm > 0) {
        m = label_mm_to_dots(bc->module_mm, dpi);
    } else {
        bool two_d = bc->symbology == LABEL_QR || bc->symbology == LABEL_DATAMATRIX ||
                     bc->symbology == LABEL_GS1_DATAMATRIX;
        m = label_mm_to_dots(two_d ? 0.5 : 0.25, dpi);
    }
    if (m < 1)
        m = 1;
    return m > 10 ? 10 : m;
}
