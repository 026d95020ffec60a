// Bundle adjustment: a hand-written 2 x 15 Jacobian per observation, by the
// chain rule through err = w (f L(p) p + x0 - feat), p = Xcam[0..1] / Xcam[2],
// Xcam = R(r) (X - C).
//
// With theta = |r|, u = r / theta, c = cos theta, s = sin theta, Xo = X - C:
//   Xcam       = c Xo + s u x Xo + (1 - c) (u.Xo) u
//   dXcam/dXo  = R = c I + s [u]x + (1 - c) u u^T
//   dXcam/dr   = (-s Xo + c u x Xo + s (u.Xo) u) u^T
//              + (-s [Xo]x + (1 - c)(u Xo^T + (u.Xo) I)) (I - u u^T) / theta
// and for r = 0 (Xcam = Xo + r x Xo): R = I + [r]x, dXcam/dr = -[Xo]x.
#include "kernels.h"

#include <cmath>

namespace bench {

namespace {

// [v]x, the matrix of b -> v x b.
void crossMatrix(const double *v, double M[3][3]) {
  // clang-format off
  M[0][0] = 0;     M[0][1] = -v[2]; M[0][2] = v[1];
  M[1][0] = v[2];  M[1][1] = 0;     M[1][2] = -v[0];
  M[2][0] = -v[1]; M[2][1] = v[0];  M[2][2] = 0;
  // clang-format on
}

void jacobianOne(const double *cam, const double *X, double w,
                 const double *feat, double *J) {
  const double *r = cam, *C = cam + 3;
  const double f = cam[6], k1 = cam[9], k2 = cam[10];
  double Xo[3], Xcam[3], R[3][3], Jr[3][3], Xx[3][3];
  for (int a = 0; a < 3; ++a)
    Xo[a] = X[a] - C[a];
  crossMatrix(Xo, Xx);
  const double th2 = r[0] * r[0] + r[1] * r[1] + r[2] * r[2];
  if (th2 != 0) {
    const double th = std::sqrt(th2), c = std::cos(th), s = std::sin(th);
    const double u[3] = {r[0] / th, r[1] / th, r[2] / th};
    const double uxX[3] = {u[1] * Xo[2] - u[2] * Xo[1],
                           u[2] * Xo[0] - u[0] * Xo[2],
                           u[0] * Xo[1] - u[1] * Xo[0]};
    const double uX = u[0] * Xo[0] + u[1] * Xo[1] + u[2] * Xo[2];
    double U[3][3];
    crossMatrix(u, U);
    double A[3][3], Au[3] = {0, 0, 0};
    for (int a = 0; a < 3; ++a) {
      Xcam[a] = c * Xo[a] + s * uxX[a] + (1 - c) * uX * u[a];
      for (int b = 0; b < 3; ++b) {
        R[a][b] = (a == b ? c : 0) + s * U[a][b] + (1 - c) * u[a] * u[b];
        A[a][b] = -s * Xx[a][b] + (1 - c) * (u[a] * Xo[b] + (a == b ? uX : 0));
        Au[a] += A[a][b] * u[b];
      }
    }
    for (int a = 0; a < 3; ++a) {
      const double t = -s * Xo[a] + c * uxX[a] + s * uX * u[a];
      for (int b = 0; b < 3; ++b)
        Jr[a][b] = t * u[b] + (A[a][b] - Au[a] * u[b]) / th;
    }
  } else {
    double Rx[3][3];
    crossMatrix(r, Rx);
    for (int a = 0; a < 3; ++a) {
      Xcam[a] = Xo[a];
      for (int b = 0; b < 3; ++b) {
        Xcam[a] += Rx[a][b] * Xo[b];
        R[a][b] = (a == b ? 1 : 0) + Rx[a][b];
        Jr[a][b] = -Xx[a][b];
      }
    }
  }
  const double iz = 1 / Xcam[2];
  const double p[2] = {Xcam[0] * iz, Xcam[1] * iz};
  const double rsq = p[0] * p[0] + p[1] * p[1];
  const double L = 1 + k1 * rsq + k2 * rsq * rsq;
  const double dL = 2 * (k1 + 2 * k2 * rsq); // dL/dp = dL * p
  // M = w * dproj/dp * dp/dXcam (2 x 3).
  const double P[2][3] = {{iz, 0, -p[0] * iz}, {0, iz, -p[1] * iz}};
  double M[2][3];
  for (int a = 0; a < 2; ++a)
    for (int b = 0; b < 3; ++b) {
      double D0 = w * f * ((a == 0 ? L : 0) + dL * p[a] * p[0]);
      double D1 = w * f * ((a == 1 ? L : 0) + dL * p[a] * p[1]);
      M[a][b] = D0 * P[0][b] + D1 * P[1][b];
    }
  for (int a = 0; a < 2; ++a) {
    double *row = J + a * ba_ncols;
    for (int b = 0; b < 3; ++b) {
      double mr = 0, mR = 0;
      for (int e = 0; e < 3; ++e) {
        mr += M[a][e] * Jr[e][b];
        mR += M[a][e] * R[e][b];
      }
      row[b] = mr;      // rotation
      row[3 + b] = -mR; // centre
      row[11 + b] = mR; // point
    }
    row[6] = w * L * p[a];
    row[7] = a == 0 ? w : 0;
    row[8] = a == 1 ? w : 0;
    row[9] = w * f * rsq * p[a];
    row[10] = w * f * rsq * rsq * p[a];
    row[14] = f * L * p[a] + cam[7 + a] - feat[a];
  }
}

} // namespace

void ba_hand_jacobian(const BaInput &in, double *J) {
  for (int i = 0; i < in.n; ++i)
    jacobianOne(in.cams + 11 * i, in.X + 3 * i, in.w[i], in.feats + 2 * i,
                J + 2 * ba_ncols * i);
}

} // namespace bench
