import { lazy, Suspense, useEffect } from 'react';
import { BrowserRouter, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { App as AntApp, ConfigProvider, Spin } from 'antd';
import zhCNLocale from 'antd/locale/zh_CN';
import enUSLocale from 'antd/locale/en_US';
import { I18nProvider, useI18n } from './i18n';
import { AuthProvider, RequireAuth, loginPath, useAuth } from './auth';
import { setUnauthorizedHandler } from './api';
import { AppLayout } from './components/AppLayout';
import { theme } from './theme';

const Home = lazy(() => import('./pages/portal/Home'));
const ItemGuide = lazy(() => import('./pages/portal/ItemGuide'));
const Apply = lazy(() => import('./pages/portal/Apply'));
const Hall = lazy(() => import('./pages/workbench/Hall'));
const Authorisations = lazy(() => import('./pages/portal/Authorisations'));
const Login = lazy(() => import('./pages/portal/Login'));
const Register = lazy(() => import('./pages/portal/Register'));
const MyCases = lazy(() => import('./pages/portal/MyCases'));
const CaseDetail = lazy(() => import('./pages/portal/CaseDetail'));
const MyLicences = lazy(() => import('./pages/portal/MyLicences'));
const LicenceDetail = lazy(() => import('./pages/portal/LicenceDetail'));
const Workbench = lazy(() => import('./pages/workbench/Workbench'));
const WorkbenchCase = lazy(() => import('./pages/workbench/WorkbenchCase'));
const Verify = lazy(() => import('./pages/verify/Verify'));
const VerifyDocument = lazy(() => import('./pages/verify/VerifyDocument'));
const Security = lazy(() => import('./pages/portal/Security'));
const Notifications = lazy(() => import('./pages/portal/Notifications'));
const SmsOutbox = lazy(() => import('./pages/ops/SmsOutbox'));
const NotFound = lazy(() => import('./pages/NotFound'));
const Consent = lazy(() => import('./pages/oidc/Consent'));
const Clients = lazy(() => import('./pages/admin/Clients'));
const StaffAdmin = lazy(() => import('./pages/admin/Staff'));
const CalendarAdmin = lazy(() => import('./pages/admin/Calendar'));
const FormDesigner = lazy(() => import('./pages/admin/FormDesigner'));
const CatalogueImplementations = lazy(() => import('./pages/admin/catalogue/Implementations'));
const CatalogueImplementation = lazy(() => import('./pages/admin/catalogue/Implementation'));
const CatalogueReviewQueue = lazy(() => import('./pages/admin/catalogue/ReviewQueue'));
const CatalogueReviewVersion = lazy(() => import('./pages/admin/catalogue/ReviewVersion'));
const CatalogueBasicItems = lazy(() => import('./pages/admin/catalogue/BasicItems'));
const CatalogueDivergence = lazy(() => import('./pages/admin/catalogue/Divergence'));
const CatalogueImport = lazy(() => import('./pages/admin/catalogue/Import'));
const CatalogueThemes = lazy(() => import('./pages/admin/catalogue/Themes'));
const ThemeGuide = lazy(() => import('./pages/portal/ThemeGuide'));
const ThemeApply = lazy(() => import('./pages/portal/ThemeApply'));
const ThemeApplication = lazy(() => import('./pages/portal/ThemeApplication'));
const Consistency = lazy(() => import('./pages/admin/Consistency'));
const QrConfirm = lazy(() => import('./pages/qr/Confirm'));
const Kiosk = lazy(() => import('./pages/kiosk/Kiosk'));
const HallDisplay = lazy(() => import('./pages/hall/Display'));
const HallWindowPanel = lazy(() => import('./pages/hall/WindowPanel'));
const HallBook = lazy(() => import('./pages/hall/Book'));
const MyAppointments = lazy(() => import('./pages/hall/MyAppointments'));
const HallAdmin = lazy(() => import('./pages/hall/HallAdmin'));

/** 401 anywhere → forget the user and go to /login?next=<here>. */
function UnauthorizedRedirect() {
  const navigate = useNavigate();
  const loc = useLocation();
  const { clear } = useAuth();
  useEffect(() => {
    setUnauthorizedHandler(() => {
      clear();
      // The kiosk has its own start screen: a lost session just returns to it.
      if (loc.pathname.startsWith('/kiosk') || loc.pathname.startsWith('/hall/')) return;
      if (loc.pathname !== '/login') navigate(loginPath(loc), { replace: true });
    });
    return () => setUnauthorizedHandler(null);
  }, [navigate, loc, clear]);
  return null;
}

function Shell() {
  const { lang } = useI18n();
  return (
    <ConfigProvider locale={lang === 'en' ? enUSLocale : zhCNLocale} theme={theme}>
      <AntApp>
        <AuthProvider>
          <BrowserRouter>
            <UnauthorizedRedirect />
            <Suspense fallback={<Spin size="large" style={{ display: 'block', margin: '120px auto' }} />}>
              <Routes>
                <Route path="kiosk" element={<Kiosk />} />
                <Route path="hall/:code/display" element={<HallDisplay />} />
                <Route element={<AppLayout />}>
                  <Route index element={<Home />} />
                  <Route path="items/:id" element={<ItemGuide />} />
                  <Route path="apply/:itemId" element={<RequireAuth><Apply /></RequireAuth>} />
                  <Route path="themes/:id" element={<ThemeGuide />} />
                  <Route path="themes/:id/apply" element={<RequireAuth><ThemeApply /></RequireAuth>} />
                  <Route path="my/themes/:id" element={<RequireAuth><ThemeApplication /></RequireAuth>} />
                  <Route path="login" element={<Login />} />
                  <Route path="register" element={<Register />} />
                  <Route path="my/cases" element={<RequireAuth><MyCases /></RequireAuth>} />
                  <Route path="my/cases/:id" element={<RequireAuth><CaseDetail /></RequireAuth>} />
                  <Route path="my/licences" element={<RequireAuth><MyLicences /></RequireAuth>} />
                  <Route path="my/licences/:id" element={<RequireAuth><LicenceDetail /></RequireAuth>} />
                  <Route path="my/security" element={<RequireAuth><Security /></RequireAuth>} />
                  <Route path="my/notifications" element={<RequireAuth><Notifications /></RequireAuth>} />
                  <Route path="my/authorisations" element={<RequireAuth><Authorisations /></RequireAuth>} />
                  <Route path="workbench" element={<RequireAuth staff><Workbench /></RequireAuth>} />
                  <Route path="workbench/cases/:id" element={<RequireAuth staff><WorkbenchCase /></RequireAuth>} />
                  <Route path="workbench/hall" element={<RequireAuth staff><Hall /></RequireAuth>} />
                  <Route path="workbench/hall/window" element={<RequireAuth staff><HallWindowPanel /></RequireAuth>} />
                  <Route path="appointments/new/:itemId" element={<RequireAuth><HallBook /></RequireAuth>} />
                  <Route path="my/appointments" element={<RequireAuth><MyAppointments /></RequireAuth>} />
                  <Route path="admin/halls" element={<RequireAuth staff><HallAdmin /></RequireAuth>} />
                  <Route path="ops/sms-outbox" element={<SmsOutbox />} />
                  <Route path="oidc/consent/:uid" element={<RequireAuth><Consent /></RequireAuth>} />
                  <Route path="admin/clients" element={<RequireAuth staff><Clients /></RequireAuth>} />
                  <Route path="admin/staff" element={<RequireAuth staff><StaffAdmin /></RequireAuth>} />
                  <Route path="admin/calendar" element={<RequireAuth staff><CalendarAdmin /></RequireAuth>} />
                  <Route path="admin/forms" element={<RequireAuth staff><FormDesigner /></RequireAuth>} />
                  <Route path="admin/catalogue" element={<RequireAuth staff><CatalogueImplementations /></RequireAuth>} />
                  <Route path="admin/catalogue/implementations/:id" element={<RequireAuth staff><CatalogueImplementation /></RequireAuth>} />
                  <Route path="admin/catalogue/review" element={<RequireAuth staff><CatalogueReviewQueue /></RequireAuth>} />
                  <Route path="admin/catalogue/review/:id" element={<RequireAuth staff><CatalogueReviewVersion /></RequireAuth>} />
                  <Route path="admin/catalogue/basic-items" element={<RequireAuth staff><CatalogueBasicItems /></RequireAuth>} />
                  <Route path="catalogue/divergence" element={<CatalogueDivergence />} />
                  <Route path="admin/catalogue/import" element={<RequireAuth staff><CatalogueImport /></RequireAuth>} />
                  <Route path="admin/catalogue/themes" element={<RequireAuth staff><CatalogueThemes /></RequireAuth>} />
                  <Route path="admin/consistency" element={<RequireAuth staff><Consistency /></RequireAuth>} />
                  <Route path="qr/confirm/:id" element={<RequireAuth><QrConfirm /></RequireAuth>} />
                  <Route path="verify" element={<Verify />} />
                  <Route path="verify/:code" element={<Verify />} />
                  <Route path="verify/document/:code" element={<VerifyDocument />} />
                  <Route path="verify/document" element={<VerifyDocument />} />
                  <Route path="*" element={<NotFound />} />
                </Route>
              </Routes>
            </Suspense>
          </BrowserRouter>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <Shell />
    </I18nProvider>
  );
}
