/* Small helpers of the label model declared in label.h. */
#include "protocol/label/label.h"

int label_mm_to_dots(double mm, int dpi)
{
    double dots = mm * (double)dpi / 25.4;
    return (int)(dots < 0 ? dots - 0.5 : dots + 0.5);
}
