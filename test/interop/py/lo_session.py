"""A private headless LibreOffice for the UNO scripts (fill_uno.py, inspect_uno.py).

    with Session(soffice, profile_url, pipe) as lo:
        doc = lo.load(path)          # hidden, from a private copy of the file
        ...
        lo.store_xlsx(doc, dst)

Starts soffice with its own profile (-env:UserInstallation) and a named pipe, connects
through the UNO bridge (retrying while it starts), and on exit closes the documents,
terminates LibreOffice and, if it does not end, kills its process group.
"""
import os
import shutil
import signal
import subprocess
import tempfile
import time

import uno
from com.sun.star.beans import PropertyValue


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


class Session:
    def __init__(self, soffice, profile, pipe, timeout=90):
        self.accept = "pipe,name=%s;urp;StarOffice.ComponentContext" % pipe
        self.args = [soffice, "--headless", "--invisible", "--norestore", "--nologo", "--nolockcheck",
                     "--nodefault", "-env:UserInstallation=" + profile, "--accept=" + self.accept]
        self.timeout = timeout
        self.proc = None
        self.work = None
        self.docs = []

    def __enter__(self):
        # a SIGTERM (the test's timeout) unwinds through __exit__, which kills soffice
        signal.signal(signal.SIGTERM, lambda *_: (_ for _ in ()).throw(SystemExit(143)))
        self.proc = subprocess.Popen(self.args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                     start_new_session=True)
        try:
            self.work = tempfile.mkdtemp(prefix="jixiao-uno-")
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            deadline = time.time() + self.timeout
            self.ctx = None
            while self.ctx is None:
                try:
                    self.ctx = resolver.resolve("uno:%s" % self.accept)
                except Exception:
                    if time.time() > deadline or self.proc.poll() is not None:
                        raise RuntimeError("could not connect to soffice (exit %s)" % self.proc.poll())
                    time.sleep(0.25)
            self.smgr = self.ctx.ServiceManager
            self.desktop = self.smgr.createInstanceWithContext("com.sun.star.frame.Desktop", self.ctx)
        except BaseException:
            self.desktop = None
            self.__exit__(None, None, None)  # __exit__ is not called when __enter__ fails
            raise
        return self

    def version(self):
        provider = self.smgr.createInstanceWithContext("com.sun.star.configuration.ConfigurationProvider", self.ctx)
        return provider.createInstanceWithArguments(
            "com.sun.star.configuration.ConfigurationAccess",
            (prop("nodepath", "/org.openoffice.Setup/Product"),)).getByName("ooSetupVersionAboutBox")

    def load(self, path):
        # a private copy: LibreOffice's lock file (.~lock.<name>#) never lands beside the
        # input, where a stale one (after a crash) makes the next load fail
        src = os.path.join(self.work, "%d-%s" % (len(self.docs), os.path.basename(path)))
        shutil.copyfile(path, src)
        doc = self.desktop.loadComponentFromURL(url(src), "_blank", 0, (prop("Hidden", True),))
        if doc is None:
            raise RuntimeError("LibreOffice could not load " + path)
        self.docs.append(doc)
        return doc

    def store_xlsx(self, doc, dst):
        doc.storeToURL(url(dst), (prop("FilterName", "Calc MS Excel 2007 XML"), prop("Overwrite", True)))

    def __exit__(self, *exc):
        try:
            for doc in self.docs:
                try:
                    doc.close(True)
                except Exception:
                    pass
            try:
                if getattr(self, "desktop", None) is not None:
                    self.desktop.terminate()
            except Exception:
                pass  # the bridge goes away with the process
            if self.proc is not None and getattr(self, "desktop", None) is not None:
                try:
                    self.proc.wait(timeout=30)
                except Exception:
                    pass
        finally:
            # the whole process group (the soffice script, oosplash, soffice.bin), even if
            # the first of them has already exited
            if self.proc is not None:
                try:
                    os.killpg(self.proc.pid, 9)
                except Exception:
                    pass
            if self.work:
                shutil.rmtree(self.work, ignore_errors=True)
        return False
