#include <cblas.h>
#include <stddef.h>

/* LAPACK (Fortran ABI, shipped inside libopenblas). Debian's openblas headers do not
   declare it, so we do; the trailing size_t is gfortran's hidden length of `uplo`. */
void sposv_(const char *uplo, const int *n, const int *nrhs, float *a, const int *lda,
            float *b, const int *ldb, int *info, size_t uplo_len);
void ssyev_(const char *jobz, const char *uplo, const int *n, float *a, const int *lda,
            float *w, float *work, const int *lwork, int *info, size_t jobz_len, size_t uplo_len);
